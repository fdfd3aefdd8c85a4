package dev.enterprisechat.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DurationConverterTest {

    private static Duration convert(String value) {
        return new DurationConverter().convert(value);
    }

    @Test
    void readsMilliseconds() {
        assertThat(convert("500ms")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsSeconds() {
        assertThat(convert("10s")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsMinutes() {
        assertThat(convert("5m")).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void readsHours() {
        assertThat(convert("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsBareNumberAsSeconds() {
        assertThat(convert("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void readsIso8601() {
        assertThat(convert("PT10S")).isEqualTo(Duration.ofSeconds(10));
        assertThat(convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(convert("pt0.5s")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void ignoresSurroundingAndInnerSpace() {
        assertThat(convert("  10s ")).isEqualTo(Duration.ofSeconds(10));
        assertThat(convert("10 s")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsEmptyValueAsNoValue() {
        assertThat(convert("")).isNull();
        assertThat(convert("   ")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ten seconds", "10x", "-5s", "1.5s", "s", "10sec", "10S", "5 m s",
            "99999999999999999999s"})
    void refusesGarbage(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> convert(value));
    }

    @Test
    void garbageMessageNamesTheValueAndExamples() {
        assertThatIllegalArgumentException().isThrownBy(() -> convert("soon"))
                .withMessage("not a duration: soon (examples: 500ms, 10s, 5m, PT10S)");
    }
    @ParameterizedTest
    @ValueSource(strings = {"P", "PT", "Pxyz", "P10"})
    void refusesGarbageThatLooksLikeIso8601(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> convert(value));
    }
}
