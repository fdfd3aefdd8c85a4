package dev.enterprisechat.protocol;

import jakarta.websocket.Encoder;

/**
 * Writes an {@link Envelope} as JSON text. Fan-out encodes a frame once with {@link #frame(Envelope)} and sends the
 * same text to every recipient, so the work does not grow with the audience.
 */
public class EnvelopeEncoder implements Encoder.Text<Envelope> {

    /** The setting of the largest answer, in bytes: pages of messages fill half of it, larger answers are refused. */
    public static final String ANSWER_MAX_BYTES = "chat.limits.answer-max-bytes";

    @Override
    public String encode(Envelope envelope) {
        return frame(envelope);
    }

    public static String frame(Envelope envelope) {
        return Json.write(envelope);
    }
}
