package dev.enterprisechat.rooms;

import jakarta.websocket.Session;
import org.glassfish.tyrus.core.TyrusRemoteEndpoint;
import org.glassfish.tyrus.core.TyrusWebSocket;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Writes a connection's frames as ready-made bytes ({@link Frame#wire()}) on Tyrus, the WebSocket implementation of
 * Payara and GlassFish, instead of through {@code RemoteEndpoint.Async.sendText}. Measured under fan-out (see
 * docs/benchmarks.md), {@code sendText} costs per frame and per recipient: the UTF-8 encoding and framing of the same
 * text again for every connection, and a restart of the session's idle timer on the container's managed scheduler
 * (a task scheduled, a scheduler thread woken, a context captured with a class-path scan) even though this server
 * sets no idle timeout. Tyrus's public {@link TyrusWebSocket#sendRawFrame} is the path of its own broadcast; only
 * the socket of a session is not public, so it is read once per connection.
 * <p>
 * Anywhere else (another Jakarta EE server, a session with a negotiated extension such as compression, which changes
 * the bytes per connection) a connection sends through the standard API, with the same guarantees.
 */
final class DirectWrites {

    private static final Logger LOG = System.getLogger(DirectWrites.class.getName());
    private static final Field WEB_SOCKET = webSocketField();

    private DirectWrites() {
    }

    /** A writer of ready-made frames to this session's socket, or null where the standard API must be used. */
    static FrameWriter of(Session session) {
        if (WEB_SOCKET == null) {
            return null;
        }
        try {
            if (session.getNegotiatedExtensions().isEmpty()
                    && session.getAsyncRemote() instanceof TyrusRemoteEndpoint remote
                    && WEB_SOCKET.get(remote) instanceof TyrusWebSocket socket) {
                return new Direct(socket, session, GrizzlyOutput.releaser(socket));
            }
        } catch (IllegalAccessException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "Writing through the standard API: {0}", unexpected.toString());
        }
        return null;
    }

    /**
     * Writes a session's frames to Tyrus's socket. Once none of its writes is in flight (after a ping too), the
     * buffer the container keeps of its last write is let go ({@link GrizzlyOutput}), and once what it read is
     * handled, the buffer the container keeps of its last read ({@link GrizzlyInput}): that is what an idle
     * connection would otherwise hold.
     */
    private static final class Direct implements FrameWriter {
        private final TyrusWebSocket socket;
        private final Session session;
        private final Runnable release;
        private final GrizzlyInput input;
        private final AtomicInteger writing = new AtomicInteger();

        /**
         * At open, on the reading thread: the upgrade's request body and Tyrus's copy of the handshake
         * ({@link TyrusHandshake}) are let go of at once.
         */
        Direct(TyrusWebSocket socket, Session session, Runnable release) {
            this.socket = socket;
            this.session = session;
            this.release = release != null ? release : () -> { };
            this.input = GrizzlyInput.of(socket);
            received();
            TyrusHandshake.forget(socket);
        }

        @Override
        public void received() {
            if (input != null) {
                input.release();
            }
        }

        @Override
        public void write(Frame frame, Consumer<Throwable> done) {
            write(frame.wire(), done);
        }

        /** The frames' bytes one after the other, in one write to the socket. */
        @Override
        public void write(List<Frame> frames, Consumer<Throwable> done) {
            write(Frame.wire(frames), done);
        }

        private void write(ByteBuffer wire, Consumer<Throwable> done) {
            writing.incrementAndGet();
            Future<?> write;
            try {
                write = socket.sendRawFrame(wire);
            } catch (RuntimeException refused) {
                written();
                throw refused;
            }
            whenWritten(write, failure -> {
                written();
                done.accept(failure);
            });
        }

        @Override
        public BooleanSupplier dropper() {
            BooleanSupplier drop = GrizzlyOutput.dropper(socket);
            return drop != null ? drop : FrameWriter.super.dropper();
        }

        @Override
        public void ping() throws IOException {
            writing.incrementAndGet();
            try {
                session.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
            } finally {
                written();
            }
        }

        private void written() {
            if (writing.decrementAndGet() == 0) {
                release.run();
            }
        }
    }

    private static void whenWritten(Future<?> write, Consumer<Throwable> done) {
        if (write instanceof CompletableFuture<?> completion) {
            completion.whenComplete((frame, failure) -> done.accept(failure));
        } else {
            done.accept(null);
        }
    }

    private static Field webSocketField() {
        try {
            Field field = TyrusRemoteEndpoint.class.getDeclaredField("webSocket");
            field.setAccessible(true);
            LOG.log(Level.INFO, "Tyrus found: frames are encoded once per event and written directly to its sockets");
            return field;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            LOG.log(Level.INFO, "Frames are sent through the standard WebSocket API ({0})", absent.toString());
            return null;
        }
    }
}
