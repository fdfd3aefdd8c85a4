package dev.enterprisechat.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket spoken byte by byte, for what a well-behaved client library never sends: a frame header announcing
 * more than the server accepts, a frame left unfinished. Anonymous (offers {@code chat.v1} only); loopback only.
 */
public final class RawSocket implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = socket.getInputStream();
    }

    /** Opens and upgrades; returns once the server answered 101. */
    public static RawSocket open(URI endpoint) {
        try {
            RawSocket raw = new RawSocket(new Socket("127.0.0.1", endpoint.getPort()));
            raw.socket.setSoTimeout(30_000);
            byte[] key = new byte[16];
            ThreadLocalRandom.current().nextBytes(key);
            raw.out.write(("GET " + endpoint.getPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                    + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat.v1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            raw.out.flush();
            String status = raw.readHeaders();
            if (!status.contains(" 101 ")) {
                throw new IllegalStateException("upgrade refused: " + status);
            }
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The header of a final text frame of {@code length} bytes (masked, as clients must); the payload follows. */
    public void sendTextHeader(long length) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.write(0x81);
        if (length < 126) {
            header.write(0x80 | (int) length);
        } else if (length <= 0xFFFF) {
            header.write(0x80 | 126);
            header.write((int) (length >> 8) & 0xFF);
            header.write((int) length & 0xFF);
        } else {
            header.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                header.write((int) (length >> (8 * i)) & 0xFF);
            }
        }
        header.writeBytes(new byte[]{0, 0, 0, 0});
        write(header.toByteArray());
    }

    /**
     * Payload bytes (with the all-zero mask of {@link #sendTextHeader} they go unchanged), in pieces, until the
     * server stops taking them.
     *
     * @return how many were written before the server closed the connection (all of them if it did not)
     */
    public long sendPayload(byte[] bytes) {
        int piece = 64 * 1024;
        for (int offset = 0; offset < bytes.length; offset += piece) {
            try {
                out.write(bytes, offset, Math.min(piece, bytes.length - offset));
                out.flush();
            } catch (IOException closedByTheServer) {
                return offset;
            }
        }
        return bytes.length;
    }

    /** Reads frames until the close frame and returns its code and reason, such as {@code 1011 Buffer overflow.}. */
    public String awaitClose() {
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return "EOF";
                }
                long length = in.read() & 0x7F;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0F) == 8) {
                    int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                    return code + " " + new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
                }
            }
        } catch (EOFException e) {
            return "EOF";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed during the handshake: " + headers);
            }
            headers.append((char) c);
        }
        return headers.substring(0, headers.indexOf("\r\n"));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closed already
        }
    }
}
