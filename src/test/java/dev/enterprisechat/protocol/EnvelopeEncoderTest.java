package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvelopeEncoderTest {

    private static JsonObject read(String text) {
        try (var reader = jakarta.json.Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static List<String> keys(JsonObject object) {
        return new ArrayList<>(object.keySet());
    }

    @Test
    void writesAckWithTypePayloadRequestIdAndTimestamp() {
        Instant before = Instant.now();

        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.ack("r1", Map.of("userId", "alice"))));

        assertThat(keys(frame)).containsExactly("type", "payload", "requestId", "timestamp");
        assertThat(frame.getString("type")).isEqualTo("ack");
        assertThat(frame.getString("requestId")).isEqualTo("r1");
        assertThat(frame.getJsonObject("payload").getString("userId")).isEqualTo("alice");
        Instant timestamp = Instant.parse(frame.getString("timestamp"));
        assertThat(timestamp).isBetween(before, Instant.now());
    }

    @Test
    void writesTimestampAsIso8601() {
        Instant at = Instant.parse("2024-05-06T07:08:09.123Z");

        JsonObject frame = read(EnvelopeEncoder.frame(new Envelope("ack", Map.of(), "r1", at)));

        String written = frame.getString("timestamp");
        assertThat(Instant.from(DateTimeFormatter.ISO_INSTANT.parse(written))).isEqualTo(at);
    }

    @Test
    void writesErrorPayloadWithCodeAndMessage() {
        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.error("r2", ErrorCode.FORBIDDEN, "not yours")));

        assertThat(frame.getString("type")).isEqualTo("error");
        assertThat(frame.getString("requestId")).isEqualTo("r2");
        JsonObject payload = frame.getJsonObject("payload");
        assertThat(keys(payload)).containsExactlyInAnyOrder("code", "message", "retryable");
        assertThat(payload.getString("code")).isEqualTo("FORBIDDEN");
        assertThat(payload.getString("message")).isEqualTo("not yours");
    }

    @Test
    void errorFrameOfAnUnreadableRequestHasNullRequestId() {
        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.error(null, ErrorCode.BAD_REQUEST, "bad")));

        assertThat(frame.containsKey("requestId")).isTrue();
        assertThat(frame.isNull("requestId")).isTrue();
    }

    @Test
    void writesEventWithNullRequestId() {
        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.event("new_message", Map.of("seq", 3))));

        assertThat(keys(frame)).containsExactly("type", "payload", "requestId", "timestamp");
        assertThat(frame.getString("type")).isEqualTo("new_message");
        assertThat(frame.get("requestId")).isEqualTo(JsonValue.NULL);
        assertThat(frame.getJsonObject("payload").getInt("seq")).isEqualTo(3);
    }

    @Test
    void keepsNullFieldsOfRecords() {
        JsonObject frame = read(EnvelopeEncoder.frame(
                new Envelope("error", new Envelope.ErrorPayload("INTERNAL", null, false), null, null)));

        assertThat(keys(frame)).containsExactly("type", "payload", "requestId", "timestamp");
        assertThat(frame.isNull("requestId")).isTrue();
        assertThat(frame.isNull("timestamp")).isTrue();
        JsonObject payload = frame.getJsonObject("payload");
        assertThat(keys(payload)).containsExactlyInAnyOrder("code", "message", "retryable");
        assertThat(payload.getString("code")).isEqualTo("INTERNAL");
        assertThat(payload.isNull("message")).isTrue();
    }

    @Test
    void keepsNullValuesOfMaps() {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("title", null);

        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.event("changed", payload)));

        assertThat(frame.getJsonObject("payload").isNull("title")).isTrue();
    }

    @Test
    void writesJsonPayloadsAsTheyAre() {
        JsonObject payload = read("{\"a\":[1,2],\"b\":{\"c\":true}}");

        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.ack("r1", payload)));

        assertThat(frame.getJsonObject("payload")).isEqualTo(payload);
    }

    @Test
    void writesEmptyObjectPayload() {
        JsonObject frame = read(EnvelopeEncoder.frame(Envelope.ack("r1", JsonValue.EMPTY_JSON_OBJECT)));

        assertThat(frame.getJsonObject("payload")).isEmpty();
    }

    @Test
    void encoderInstanceWritesTheSameAsFrame() {
        Envelope envelope = new Envelope("ack", Map.of("k", "v"), "r1", Instant.parse("2024-01-01T00:00:00Z"));

        assertThat(new EnvelopeEncoder().encode(envelope)).isEqualTo(EnvelopeEncoder.frame(envelope));
    }

    @Test
    void factoriesSetTypeAndTimestamp() {
        Envelope ack = Envelope.ack("r1", null);
        Envelope error = Envelope.error("r2", ErrorCode.INTERNAL, "boom");
        Envelope event = Envelope.event("typing", Map.of());

        assertThat(ack.type()).isEqualTo(Envelope.ACK);
        assertThat(ack.timestamp()).isNotNull();
        assertThat(error.type()).isEqualTo(Envelope.ERROR);
        assertThat(error.payload()).isEqualTo(new Envelope.ErrorPayload("INTERNAL", "boom", false));
        assertThat(event.requestId()).isNull();
        assertThat(event.timestamp()).isNotNull();
    }
}
