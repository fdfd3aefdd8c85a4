package dev.enterprisechat.rooms;

import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * How a connection's frames reach its socket: directly as ready-made bytes on Tyrus, else through the standard API;
 * and, on Tyrus over Grizzly, what the container keeps of the connection's last read is let go.
 */
interface FrameWriter {

    /** Hands the frame to the container's asynchronous writer; {@code done} gets the failure, or null once written. */
    void write(Frame frame, Consumer<Throwable> done);

    /**
     * Hands several frames to the container, to be written in their order; {@code done} gets the first failure, or
     * null once all are written. A writer of ready-made bytes writes them at once.
     */
    default void write(List<Frame> frames, Consumer<Throwable> done) {
        AtomicInteger left = new AtomicInteger(frames.size());
        AtomicReference<Throwable> failed = new AtomicReference<>();
        for (Frame frame : frames) {
            write(frame, failure -> {
                if (failure != null) {
                    failed.compareAndSet(null, failure);
                }
                if (left.decrementAndGet() == 0) {
                    done.accept(failed.get());
                }
            });
        }
    }

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
