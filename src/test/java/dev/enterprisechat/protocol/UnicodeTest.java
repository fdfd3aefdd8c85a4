package dev.enterprisechat.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class UnicodeTest {

    @Test
    void acceptsOrdinaryTextEmojiAndRightToLeft() {
        assertThat(Unicode.problem("hello 👋 שלום مرحبا")).isNull();
    }

    @Test
    void namesALoneHighSurrogateAtTheEnd() {
        assertThat(Unicode.problem("abc\uD800")).isEqualTo("is not valid Unicode text (it holds a lone surrogate)");
    }

    @Test
    void namesAHighSurrogateFollowedByAnythingButALowOne() {
        assertThat(Unicode.problem("\uD800a")).isEqualTo("is not valid Unicode text (it holds a lone surrogate)");
    }

    @Test
    void namesNul() {
        assertThat(Unicode.problem("a\u0000b")).isEqualTo("must not contain NUL characters");
    }

    @Test
    void sanitizingDropsNulAndReplacesLoneSurrogates() {
        assertThat(Unicode.sanitized("a\u0000b\uDC00c\uD83D\uDE00")).isEqualTo("ab\uFFFDc\uD83D\uDE00");
    }

    @Test
    void sanitizingLeavesGoodTextAsItIs() {
        String text = "Zoë 😀";
        assertThat(Unicode.sanitized(text)).isSameAs(text);
    }

    @Test
    void utf8LengthAgreesWithTheEncoderForValidText() {
        String text = "aé€😀 שלום";
        assertThat(Unicode.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void jsonSizeCountsQuotesEscapesAndBytes() {
        assertThat(Json.encodedSize("")).isEqualTo(2);
        assertThat(Json.encodedSize("a\"b")).isEqualTo(2 + 4);
        assertThat(Json.encodedSize("😀")).isEqualTo(2 + 4);
        assertThat(Json.encodedSize("\u0001")).isEqualTo(2 + 6);
    }

    @Test
    void jsonSizeIsNeverBelowWhatTheEncoderWrites() {
        String text = "tab\there \"quoted\" \\ é 😀 \u0007";
        long written = Json.write(text).getBytes(StandardCharsets.UTF_8).length;
        assertThat(Json.encodedSize(text)).isGreaterThanOrEqualTo(written);
    }
}
