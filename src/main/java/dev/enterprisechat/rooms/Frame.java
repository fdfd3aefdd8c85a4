package dev.enterprisechat.rooms;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * A text frame for clients, encoded for the network once however many connections it goes to: its JSON text, and
 * the bytes of the whole WebSocket frame (RFC 6455 §5.2: FIN and the text opcode, the payload length, the UTF-8
 * payload). A server's frames are not masked, so every connection is sent the same bytes. The bytes are made when a
 * first connection needs them: an event for a room nobody here joined (every event reaches every instance of a
 * cluster) costs no encoding. A frame can defer its text too ({@link #of(Supplier)}): an event whose recipients are
 * all offline, as a direct message's often are, is then not even written as JSON.
 */
public final class Frame {

    private static final byte FIN_TEXT = (byte) 0x81;

    /** The text, made at first use when deferred (the same text whichever thread makes it; published whole). */
    private volatile String text;
    /** What makes the text when it is deferred, else null. */
    private final Supplier<String> source;
    /** The whole frame, made at first use (the same bytes whichever thread makes them; published whole). */
    private volatile byte[] wire;

    private Frame(String text, Supplier<String> source) {
        this.text = text;
        this.source = source;
    }

    /** The frame that carries {@code text} (a lone surrogate, which valid JSON output never holds, is sent as '?'). */
    public static Frame text(String text) {
        return new Frame(text, null);
    }

    /**
     * The frame whose text {@code source} makes when a first connection needs it. The source must make the same text
     * whenever it is asked (it may be asked more than once when connections on several threads need it at once).
     */
    public static Frame of(Supplier<String> source) {
        return new Frame(null, source);
    }

    public String text() {
        String made = text;
        if (made == null) {
            made = source.get();
            text = made;
        }
        return made;
    }

    /** The payload's size in bytes (what a connection's outbound bound counts). */
    public long bytes() {
        byte[] frame = encoded();
        return frame.length - headerLength(frame[1]);
    }

    /**
     * The whole frame, as a buffer of its own: a write moves the buffer's position, and only reads the bytes (a
     * read-only view would make the container copy them).
     */
    public ByteBuffer wire() {
        return ByteBuffer.wrap(encoded());
    }

    /**
     * The frames' bytes one after the other, as one buffer of its own: what several frames for one connection take
     * in one write to its socket.
     */
    static ByteBuffer wire(List<Frame> frames) {
        if (frames.size() == 1) {
            return frames.get(0).wire();
        }
        int length = 0;
        for (Frame frame : frames) {
            length = Math.addExact(length, frame.encoded().length);
        }
        byte[] joined = new byte[length];
        int at = 0;
        for (Frame frame : frames) {
            byte[] bytes = frame.encoded();
            System.arraycopy(bytes, 0, joined, at, bytes.length);
            at += bytes.length;
        }
        return ByteBuffer.wrap(joined);
    }

    private byte[] encoded() {
        byte[] frame = wire;
        if (frame == null) {
            frame = encode(text());
            wire = frame;
        }
        return frame;
    }

    private static byte[] encode(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int length = payload.length;
        byte[] frame = new byte[(length < 126 ? 2 : length <= 0xFFFF ? 4 : 10) + length];
        frame[0] = FIN_TEXT;
        if (length < 126) {
            frame[1] = (byte) length;
        } else if (length <= 0xFFFF) {
            frame[1] = 126;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, headerLength(frame[1]), length);
        return frame;
    }

    /** The header's size, from the second byte's 7-bit length (126: a 16-bit length follows, 127: a 64-bit one). */
    private static int headerLength(byte second) {
        int length = second & 0x7F;
        return length < 126 ? 2 : length == 126 ? 4 : 10;
    }
}
