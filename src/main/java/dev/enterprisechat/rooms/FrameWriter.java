package dev.enterprisechat.rooms;

import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a connection's frames reach its socket: directly as ready-made bytes on Tyrus, else through the standard API;
 * and, on Tyrus over Grizzly, what the container keeps of the connection's last read is let go.
 */
interface FrameWriter {

    /** Hands the frame to the container's asynchronous writer; {@code done} gets the failure, or null once written. */
    void write(Frame frame, Consumer<Throwable> done);

    /** Sends a WebSocket ping (empty). */
    void ping() throws IOException;

    /**
     * What drops the connection's socket at once, unsent bytes and all, if it is still open, and says whether it
     * was; where the container gives no way to, nothing (false).
     */
    default BooleanSupplier dropper() {
        return () -> false;
    }

    /**
     * On the connection's reading thread, once what it has read so far is handled: lets go of what the container
     * keeps of the last read.
     */
    default void received() {
    }

    static FrameWriter of(Session session) {
        FrameWriter direct = DirectWrites.of(session);
        return direct != null ? direct : new FrameWriter() {
            @Override
            public void write(Frame frame, Consumer<Throwable> done) {
                session.getAsyncRemote().sendText(frame.text(), result -> done.accept(result.getException()));
            }

            @Override
            public void ping() throws IOException {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            }
        };
    }
}
