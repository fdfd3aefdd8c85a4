package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EnvelopeDecoderTest {

    private static BadFrame refusal(EnvelopeDecoder decoder, String text) {
        BadFrame bad = catchThrowableOfType(BadFrame.class, () -> decoder.decode(text));
        assertThat(bad).as("decoding %s", text).isNotNull();
        return bad;
    }

    private static BadFrame refusal(String text) {
        return refusal(new EnvelopeDecoder(), text);
    }

    @Test
    void decodesValidFrame() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode(
                "{\"type\":\"send_message\",\"payload\":{\"content\":\"hi\"},\"requestId\":\"r1\"}");

        assertThat(envelope.type()).isEqualTo("send_message");
        assertThat(envelope.requestId()).isEqualTo("r1");
        assertThat(envelope.payload()).isInstanceOf(JsonObject.class);
        assertThat(envelope.payloadObject().getString("content")).isEqualTo("hi");
    }

    @Test
    void ignoresClientTimestamp() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode(
                "{\"type\":\"ping\",\"requestId\":\"r1\",\"timestamp\":\"2020-01-01T00:00:00Z\"}");

        assertThat(envelope.timestamp()).isNull();
    }

    @Test
    void missingPayloadBecomesEmptyObject() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode("{\"type\":\"ping\",\"requestId\":\"r1\"}");

        assertThat(envelope.payloadObject()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void nullPayloadBecomesEmptyObject() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode("{\"type\":\"ping\",\"payload\":null,\"requestId\":\"r1\"}");

        assertThat(envelope.payloadObject()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
    }

    @Test
    void alwaysClaimsToDecodeSoThatDefectsAreAnswered() {
        assertThat(new EnvelopeDecoder().willDecode("not json")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "{\"type\":\"ping\",}", "", "   ", "{\"type\":ping}"})
    void refusesMalformedJson(String text) {
        BadFrame bad = refusal(text);

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("frame is not valid JSON");
        assertThat(bad.endsConnection()).isFalse();
    }

    @Test
    void acceptsWhitespaceAroundTheObject() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode("  {\"type\":\"ping\",\"requestId\":\"r1\"}\n");

        assertThat(envelope.type()).isEqualTo("ping");
    }
    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\",\"requestId\":\"r1\"} garbage",
            "{\"type\":\"ping\",\"requestId\":\"r1\"}}",
            "{\"type\":\"ping\",\"requestId\":\"r1\"} {\"type\":\"auth\",\"requestId\":\"r2\"}"})
    void refusesTextAfterTheObject(String text) {
        BadFrame bad = refusal(text);

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.getMessage()).isEqualTo("frame is not valid JSON");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "42", "\"text\"", "true", "null"})
    void refusesJsonThatIsNotAnObject(String text) {
        BadFrame bad = refusal(text);

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("frame must be a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"ping\"}", "{\"type\":\"ping\",\"requestId\":null}"})
    void refusesMissingRequestId(String text) {
        BadFrame bad = refusal(text);

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("requestId is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "true", "{}", "[\"r1\"]"})
    void refusesNonStringRequestId(String id) {
        BadFrame bad = refusal("{\"type\":\"ping\",\"requestId\":" + id + "}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("requestId must be a string");
    }

    @Test
    void refusesEmptyRequestId() {
        BadFrame bad = refusal("{\"type\":\"ping\",\"requestId\":\"\"}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("requestId must be 1 to 64 characters");
    }

    @Test
    void refusesRequestIdOf65Characters() {
        BadFrame bad = refusal("{\"type\":\"ping\",\"requestId\":\"" + "r".repeat(65) + "\"}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("requestId must be 1 to 64 characters");
    }

    @Test
    void acceptsRequestIdOf64Characters() throws BadFrame {
        String id = "r".repeat(64);

        Envelope envelope = new EnvelopeDecoder().decode("{\"type\":\"ping\",\"requestId\":\"" + id + "\"}");

        assertThat(envelope.requestId()).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"requestId\":\"r9\"}", "{\"type\":\"\",\"requestId\":\"r9\"}",
            "{\"type\":\"   \",\"requestId\":\"r9\"}", "{\"type\":null,\"requestId\":\"r9\"}",
            "{\"type\":5,\"requestId\":\"r9\"}", "{\"type\":[\"ping\"],\"requestId\":\"r9\"}"})
    void refusesMissingBlankOrNonStringTypeAnsweringTheRequest(String text) {
        BadFrame bad = refusal(text);

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isEqualTo("r9");
        assertThat(bad.getMessage()).isEqualTo("type must be a non-empty string");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "3", "false"})
    void refusesPayloadThatIsNotAnObjectAnsweringTheRequest(String payload) {
        BadFrame bad = refusal("{\"type\":\"ping\",\"payload\":" + payload + ",\"requestId\":\"r9\"}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isEqualTo("r9");
        assertThat(bad.getMessage()).isEqualTo("payload must be an object");
    }

    @Test
    void refusesFrameOverTheByteLimitAndEndsTheConnection() {
        String text = "{\"type\":\"ping\",\"requestId\":\"r1\",\"payload\":{\"x\":\"" + "a".repeat(100) + "\"}}";

        BadFrame bad = refusal(new EnvelopeDecoder(100), text);

        assertThat(bad.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("frame is larger than 100 bytes");
        assertThat(bad.endsConnection()).isTrue();
    }

    @Test
    void countsBytesNotCharactersAgainstTheLimit() {
        String fourCharsOfThreeBytes = "€€€€";

        BadFrame bad = refusal(new EnvelopeDecoder(10), fourCharsOfThreeBytes);

        assertThat(bad.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(bad.getMessage()).isEqualTo("frame is larger than 10 bytes");
        assertThat(bad.endsConnection()).isTrue();
    }

    @Test
    void acceptsFrameOfExactlyTheByteLimit() throws BadFrame {
        String text = "{\"type\":\"ping\",\"requestId\":\"r1\",\"payload\":{\"x\":\"€\"}}";
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;

        Envelope envelope = new EnvelopeDecoder(bytes).decode(text);

        assertThat(envelope.payloadObject().getString("x")).isEqualTo("€");
        assertThat(refusal(new EnvelopeDecoder(bytes - 1), text).code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void countsUtf8LengthOfAscii() {
        assertThat(EnvelopeDecoder.utf8Length("hello")).isEqualTo(5);
        assertThat(EnvelopeDecoder.utf8Length("")).isZero();
    }

    @Test
    void countsUtf8LengthOfTwoByteCharacters() {
        assertThat(EnvelopeDecoder.utf8Length("é")).isEqualTo(2);
        assertThat(EnvelopeDecoder.utf8Length("ñé")).isEqualTo(4);
    }

    @Test
    void countsUtf8LengthOfThreeByteCharacters() {
        assertThat(EnvelopeDecoder.utf8Length("€")).isEqualTo(3);
        assertThat(EnvelopeDecoder.utf8Length("日本")).isEqualTo(6);
    }

    @Test
    void countsSurrogatePairAsFourBytes() {
        String emoji = "😀";

        assertThat(emoji).hasSize(2);
        assertThat(EnvelopeDecoder.utf8Length(emoji)).isEqualTo(4);
        assertThat(EnvelopeDecoder.utf8Length("a😀é€")).isEqualTo(1 + 4 + 2 + 3);
    }

    @Test
    void utf8LengthAgreesWithTheJdkEncoder() {
        String mixed = "plain ascii, déjà vu, €100, 日本語, 👍🏽 and 🇪🇺";

        assertThat(EnvelopeDecoder.utf8Length(mixed))
                .isEqualTo(mixed.getBytes(StandardCharsets.UTF_8).length);
    }

    // the edge: text the rest of the server can trust, bounded depth and numbers

    @Test
    void refusesALoneSurrogateAnsweringTheRequest() {
        BadFrame bad = refusal("{\"type\":\"send_message\",\"requestId\":\"r9\","
                + "\"payload\":{\"conversationId\":1,\"content\":\"hi \\ud800\"}}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isEqualTo("r9");
        assertThat(bad.getMessage()).isEqualTo("content is not valid Unicode text (it holds a lone surrogate)");
        assertThat(bad.endsConnection()).isFalse();
    }

    @Test
    void refusesALowSurrogateWithoutItsHighOne() {
        BadFrame bad = refusal("{\"type\":\"x\",\"requestId\":\"r1\",\"payload\":{\"title\":\"\\udc00a\"}}");

        assertThat(bad.getMessage()).isEqualTo("title is not valid Unicode text (it holds a lone surrogate)");
    }

    @Test
    void acceptsSurrogatePairsWrittenAsEscapes() throws BadFrame {
        Envelope envelope = new EnvelopeDecoder().decode(
                "{\"type\":\"x\",\"requestId\":\"r1\",\"payload\":{\"content\":\"\\ud83d\\ude00\"}}");

        assertThat(envelope.payloadObject().getString("content")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void refusesNulAnywhereNamingTheField() {
        BadFrame bad = refusal("{\"type\":\"sync\",\"requestId\":\"r2\",\"payload\":{\"conversations\":"
                + "[{\"conversationId\":1},{\"conversationId\":\"4\\u0000\"}]}}");

        assertThat(bad.requestId()).isEqualTo("r2");
        assertThat(bad.getMessage()).isEqualTo("conversations[1].conversationId must not contain NUL characters");
    }

    @Test
    void refusesNulInAFieldName() {
        BadFrame bad = refusal("{\"type\":\"x\",\"requestId\":\"r3\",\"payload\":{\"a\\u0000\":1}}");

        assertThat(bad.requestId()).isEqualTo("r3");
        assertThat(bad.getMessage()).isEqualTo("a field name must not contain NUL characters");
    }

    @Test
    void refusesBadTextInTheTypeAnsweringTheRequest() {
        BadFrame bad = refusal("{\"type\":\"ping\\ud800\",\"requestId\":\"r4\"}");

        assertThat(bad.requestId()).isEqualTo("r4");
        assertThat(bad.getMessage()).isEqualTo("type is not valid Unicode text (it holds a lone surrogate)");
    }

    @Test
    void refusesBadTextInTheRequestIdWithoutEchoingIt() {
        BadFrame bad = refusal("{\"type\":\"ping\",\"requestId\":\"r\\u0000\"}");

        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("requestId must not contain NUL characters");
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(FrameReader.MAX_DEPTH) + "]".repeat(FrameReader.MAX_DEPTH);
        BadFrame bad = refusal("{\"type\":\"x\",\"requestId\":\"r5\",\"payload\":{\"a\":" + deep + "}}");

        assertThat(bad.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(bad.requestId()).isNull();
        assertThat(bad.getMessage()).isEqualTo("frame is nested deeper than 16 levels");
    }

    @Test
    void acceptsNestingUpToTheLimit() throws BadFrame {
        String deep = "[".repeat(FrameReader.MAX_DEPTH - 2) + "]".repeat(FrameReader.MAX_DEPTH - 2);

        Envelope envelope = new EnvelopeDecoder().decode(
                "{\"type\":\"x\",\"requestId\":\"r1\",\"payload\":{\"a\":" + deep + "}}");

        assertThat(envelope.payloadObject().getJsonArray("a")).hasSize(1);
    }

    @Test
    void refusesThousandLevelsWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        BadFrame bad = refusal(new EnvelopeDecoder(1_000_000), "{\"requestId\":\"r\",\"a\":" + deep + "}");

        assertThat(bad.getMessage()).isEqualTo("frame is nested deeper than 16 levels");
    }

    @Test
    void refusesNumbersLongerThanTheLimitAnsweringTheRequest() {
        BadFrame bad = refusal("{\"type\":\"load_messages\",\"requestId\":\"r6\",\"payload\":"
                + "{\"conversationId\":" + "9".repeat(1100) + "}}");

        assertThat(bad.requestId()).isEqualTo("r6");
        assertThat(bad.getMessage()).isEqualTo("conversationId is a number longer than 64 characters");
    }

    @Test
    void acceptsNumbersOfTheLongestLength() throws BadFrame {
        String longest = "1" + "0".repeat(FrameReader.MAX_NUMBER_LENGTH - 1);

        Envelope envelope = new EnvelopeDecoder().decode(
                "{\"type\":\"x\",\"requestId\":\"r1\",\"payload\":{\"n\":" + longest + "}}");

        assertThat(envelope.payloadObject().getJsonNumber("n").bigDecimalValue().toPlainString()).isEqualTo(longest);
    }

    @Test
    void aBadStringInANestedFieldOfTheEnvelopeIsNamedByItsPath() {
        BadFrame bad = refusal("{\"type\":\"x\",\"requestId\":\"r7\",\"extra\":{\"k\":[\"\\u0000\"]}}");

        assertThat(bad.getMessage()).isEqualTo("extra.k[0] must not contain NUL characters");
    }
}
