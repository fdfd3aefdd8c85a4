package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.Instant;

/**
 * One frame of the protocol, in both directions:
 * {@code {"type": string, "payload": object, "requestId": string|null, "timestamp": ISO-8601}}.
 * <p>
 * Requests from clients carry a {@code requestId}; the server answers each one exactly once with an {@code ack} or an
 * {@code error} carrying the same id. Events pushed by the server carry {@code requestId: null}.
 *
 * @param type      the message type, such as {@code send_message}, {@code ack} or {@code new_message}
 * @param payload   a JSON object: a {@link JsonObject} when decoded, any JSON-B serialisable value when sent
 * @param requestId the client's correlation id, or {@code null} on events
 * @param timestamp when the frame was made; always set by the server
 */
@JsonbPropertyOrder({"type", "payload", "requestId", "timestamp"})
public record Envelope(String type, Object payload, String requestId, Instant timestamp) {

    public static final String ACK = "ack";
    public static final String ERROR = "error";

    public static Envelope ack(String requestId, Object payload) {
        return new Envelope(ACK, payload, requestId, Instant.now());
    }

    public static Envelope error(String requestId, ErrorCode code, String message) {
        return new Envelope(ERROR, new ErrorPayload(code.name(), message, code.retryable()), requestId,
                Instant.now());
    }

    public static Envelope event(String type, Object payload) {
        return new Envelope(type, payload, null, Instant.now());
    }

    /** The payload of a decoded frame. */
    public JsonObject payloadObject() {
        return (JsonObject) payload;
    }

    /**
     * The payload of an {@code error} frame.
     *
     * @param retryable whether sending the same request again later may succeed
     */
    public record ErrorPayload(String code, String message, boolean retryable) {
    }
}
