package dev.enterprisechat.protocol;

import jakarta.websocket.Encoder;

/**
 * Writes an {@link Envelope} as JSON text. Fan-out encodes a frame once with {@link #frame(Envelope)} and sends the
 * same text to every recipient, so the work does not grow with the audience.
 */
public class EnvelopeEncoder implements Encoder.Text<Envelope> {

    @Override
    public String encode(Envelope envelope) {
        return frame(envelope);
    }

    public static String frame(Envelope envelope) {
        return Json.write(envelope);
    }
}
