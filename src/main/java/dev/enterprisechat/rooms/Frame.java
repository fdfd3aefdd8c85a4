package dev.enterprisechat.rooms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A text frame for clients, encoded for the network once however many connections it goes to: its JSON text, and
 * the bytes of the whole WebSocket frame (RFC 6455 §5.2: FIN and the text opcode, the payload length, the UTF-8
 * payload). A server's frames are not masked, so every connection is sent the same bytes.
 */
public final class Frame {

    private static final byte FIN_TEXT = (byte) 0x81;

    private final String text;
    private final byte[] wire;
    private final int payloadLength;

    private Frame(String text, byte[] wire, int payloadLength) {
        this.text = text;
        this.wire = wire;
        this.payloadLength = payloadLength;
    }

    /** The frame that carries {@code text} (a lone surrogate, which valid JSON output never holds, is sent as '?'). */
    public static Frame text(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] wire = new byte[header + length];
        wire[0] = FIN_TEXT;
        if (length < 126) {
            wire[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            wire[1] = 126;
            wire[2] = (byte) (length >>> 8);
            wire[3] = (byte) length;
        } else {
            wire[1] = 127;
            for (int i = 0; i < 8; i++) {
                wire[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, wire, header, length);
        return new Frame(text, wire, length);
    }

    public String text() {
        return text;
    }

    /** The payload's size in bytes (what a connection's outbound bound counts). */
    public long bytes() {
        return payloadLength;
    }

    /**
     * The whole frame, as a buffer of its own: a write moves the buffer's position, and only reads the bytes (a
     * read-only view would make the container copy them).
     */
    public ByteBuffer wire() {
        return ByteBuffer.wrap(wire);
    }
}
