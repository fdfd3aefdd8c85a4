package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldsTest {

    private static JsonObject json(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** A payload with the one field {@code name} holding the given JSON value. */
    private static JsonObject field(String name, String jsonValue) {
        return json("{\"" + name + "\":" + jsonValue + "}");
    }

    private static void assertBadRequest(ThrowingCallable call, String message) {
        ChatException refused = catchThrowableOfType(ChatException.class, call);
        assertThat(refused).as("expected BAD_REQUEST \"%s\"", message).isNotNull();
        assertThat(refused.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(refused.getMessage()).isEqualTo(message);
    }

    // requiredString / optionalString

    @Test
    void requiredStringReturnsTheString() {
        assertThat(Fields.requiredString(field("name", "\"general\""), "name")).isEqualTo("general");
    }

    @Test
    void requiredStringKeepsAnEmptyString() {
        assertThat(Fields.requiredString(field("name", "\"\""), "name")).isEmpty();
    }

    @Test
    void requiredStringRefusesMissingField() {
        assertBadRequest(() -> Fields.requiredString(JsonValue.EMPTY_JSON_OBJECT, "name"), "name is required");
    }

    @Test
    void requiredStringRefusesNull() {
        assertBadRequest(() -> Fields.requiredString(field("name", "null"), "name"), "name is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "true", "{}", "[\"a\"]"})
    void requiredStringRefusesNonString(String value) {
        assertBadRequest(() -> Fields.requiredString(field("name", value), "name"), "name must be a string");
    }

    @Test
    void optionalStringReturnsNullWhenMissingOrNull() {
        assertThat(Fields.optionalString(JsonValue.EMPTY_JSON_OBJECT, "title")).isNull();
        assertThat(Fields.optionalString(field("title", "null"), "title")).isNull();
    }

    @Test
    void optionalStringReturnsTheString() {
        assertThat(Fields.optionalString(field("title", "\"Team\""), "title")).isEqualTo("Team");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "false", "{}", "[]"})
    void optionalStringRefusesNonString(String value) {
        assertBadRequest(() -> Fields.optionalString(field("title", value), "title"), "title must be a string");
    }

    // requiredId / optionalId

    @Test
    void requiredIdAcceptsNumber() {
        assertThat(Fields.requiredId(field("conversationId", "42"), "conversationId")).isEqualTo(42L);
    }

    @Test
    void requiredIdAcceptsDigitString() {
        assertThat(Fields.requiredId(field("conversationId", "\"42\""), "conversationId")).isEqualTo(42L);
    }

    @Test
    void requiredIdAcceptsLargestLong() {
        assertThat(Fields.requiredId(field("conversationId", String.valueOf(Long.MAX_VALUE)), "conversationId"))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void requiredIdRefusesMissingField() {
        assertBadRequest(() -> Fields.requiredId(JsonValue.EMPTY_JSON_OBJECT, "conversationId"),
                "conversationId is required");
    }

    @Test
    void requiredIdRefusesNull() {
        assertBadRequest(() -> Fields.requiredId(field("conversationId", "null"), "conversationId"),
                "conversationId is required");
    }

    @Test
    void requiredIdRefusesZero() {
        assertBadRequest(() -> Fields.requiredId(field("conversationId", "0"), "conversationId"),
                "conversationId must be a positive integer");
    }

    @Test
    void requiredIdRefusesZeroAsString() {
        assertBadRequest(() -> Fields.requiredId(field("conversationId", "\"0\""), "conversationId"),
                "conversationId must be a positive integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5", "1.0", "true", "\"-1\"", "\"1.5\"", "\"abc\"", "\"\"", "\" 1\"",
            "{}", "[1]", "99999999999999999999"})
    void requiredIdRefusesWhatIsNotANonNegativeInteger(String value) {
        assertBadRequest(() -> Fields.requiredId(field("conversationId", value), "conversationId"),
                "conversationId must be a non-negative integer");
    }

    @Test
    void optionalIdReturnsNullWhenMissingOrNull() {
        assertThat(Fields.optionalId(JsonValue.EMPTY_JSON_OBJECT, "groupId")).isNull();
        assertThat(Fields.optionalId(field("groupId", "null"), "groupId")).isNull();
    }

    @Test
    void optionalIdAcceptsNumberAndDigitString() {
        assertThat(Fields.optionalId(field("groupId", "7"), "groupId")).isEqualTo(7L);
        assertThat(Fields.optionalId(field("groupId", "\"7\""), "groupId")).isEqualTo(7L);
    }

    @Test
    void optionalIdRefusesZero() {
        assertBadRequest(() -> Fields.optionalId(field("groupId", "0"), "groupId"),
                "groupId must be a positive integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-3", "2.5", "false", "\"x\""})
    void optionalIdRefusesNonIntegers(String value) {
        assertBadRequest(() -> Fields.optionalId(field("groupId", value), "groupId"),
                "groupId must be a non-negative integer");
    }

    // optionalLong

    @Test
    void optionalLongAcceptsZero() {
        assertThat(Fields.optionalLong(field("afterSeq", "0"), "afterSeq")).isZero();
        assertThat(Fields.optionalLong(field("afterSeq", "\"0\""), "afterSeq")).isZero();
    }

    @Test
    void optionalLongAcceptsEighteenDigitString() {
        assertThat(Fields.optionalLong(field("afterSeq", "\"123456789012345678\""), "afterSeq"))
                .isEqualTo(123456789012345678L);
    }

    @Test
    void optionalLongReturnsNullWhenMissingOrNull() {
        assertThat(Fields.optionalLong(JsonValue.EMPTY_JSON_OBJECT, "afterSeq")).isNull();
        assertThat(Fields.optionalLong(field("afterSeq", "null"), "afterSeq")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "0.5", "true", "\"-1\"", "\"+1\"", "\"1e3\"", "[]", "{}"})
    void optionalLongRefusesWhatIsNotANonNegativeInteger(String value) {
        assertBadRequest(() -> Fields.optionalLong(field("afterSeq", value), "afterSeq"),
                "afterSeq must be a non-negative integer");
    }

    // requiredStrings

    @Test
    void requiredStringsReturnsTheStringsInOrder() {
        assertThat(Fields.requiredStrings(field("userIds", "[\"bob\",\"alice\",\"bob\"]"), "userIds"))
                .containsExactly("bob", "alice", "bob");
    }

    @Test
    void requiredStringsAcceptsEmptyArray() {
        assertThat(Fields.requiredStrings(field("userIds", "[]"), "userIds")).isEmpty();
    }

    @Test
    void requiredStringsRefusesMissingOrNull() {
        assertBadRequest(() -> Fields.requiredStrings(JsonValue.EMPTY_JSON_OBJECT, "userIds"),
                "userIds is required");
        assertBadRequest(() -> Fields.requiredStrings(field("userIds", "null"), "userIds"), "userIds is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"bob\"", "1", "{}", "[\"bob\",1]", "[null]", "[[\"bob\"]]"})
    void requiredStringsRefusesAnythingButAnArrayOfStrings(String value) {
        assertBadRequest(() -> Fields.requiredStrings(field("userIds", value), "userIds"),
                "userIds must be an array of strings");
    }

    // text / length

    @Test
    void textPassesNull() {
        assertThat(Fields.text(null, "name", 100)).isNull();
    }

    @Test
    void textReturnsAcceptedValueUnchanged() {
        assertThat(Fields.text("  Team  ", "name", 100)).isEqualTo("  Team  ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void textRefusesBlank(String value) {
        assertBadRequest(() -> Fields.text(value, "name", 100), "name must not be blank");
    }

    @Test
    void textAcceptsExactlyTheMaximum() {
        String hundred = "x".repeat(100);

        assertThat(Fields.text(hundred, "name", 100)).isEqualTo(hundred);
    }

    @Test
    void textRefusesOneCharacterOverTheMaximum() {
        assertBadRequest(() -> Fields.text("x".repeat(101), "name", 100), "name must be at most 100 characters");
    }

    @Test
    void textCountsEmojiAsOneCharacter() {
        String hundredEmoji = "😀".repeat(100);

        assertThat(Fields.text(hundredEmoji, "name", 100)).isEqualTo(hundredEmoji);
        assertBadRequest(() -> Fields.text(hundredEmoji + "😀", "name", 100), "name must be at most 100 characters");
    }

    @Test
    void lengthCountsCodePoints() {
        assertThat(Fields.length("")).isZero();
        assertThat(Fields.length("abc")).isEqualTo(3);
        assertThat(Fields.length("😀")).isEqualTo(1);
        assertThat(Fields.length("a😀é€")).isEqualTo(4);
    }
}
