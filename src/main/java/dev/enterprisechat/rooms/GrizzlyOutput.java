package dev.enterprisechat.rooms;

import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.io.OutputBuffer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.tyrus.core.TyrusWebSocket;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Has Payara's (and GlassFish's) I/O layer write a connection's frames from their own bytes, and lets go of the last
 * frame it wrote, which that layer keeps until the next.
 * <p>
 * Grizzly's output buffer of the upgraded response copies every write smaller than its buffer size (kilobytes) into a
 * buffer it takes from its memory pool after each flush, and writes that; a larger write goes to the socket from the
 * caller's array, copied only when the socket cannot take it at once (to be written later). Every frame of this
 * server is ready-made and written whole, followed by a flush, so nothing is gained by gathering: with the buffer
 * size at 0, every frame takes the second way. Under fan-out the pool's buffer and the copy were 14 % of the
 * delivering thread's samples (docs/benchmarks.md).
 * <p>
 * The output buffer builds each write's message with one builder, and the builder keeps the buffer of its last
 * message. That buffer can be a slice of a 64 KB buffer of Grizzly's memory pool, shared with the writes of other
 * connections on the same thread, so a few idle connections would keep a whole 64 KB buffer alive (with their
 * handshake's header bytes, released by the gateway: together 6.5 KB per idle connection, docs/benchmarks.md).
 * <p>
 * The output buffer is reached from Tyrus's socket: its protocol handler's writer (whose lock every write of the
 * connection holds, Tyrus's own pongs and closes included), that writer's servlet output stream, the web container's
 * output buffer under it, and Grizzly's under that. Both are done under the writer's lock, so between two writes:
 * the builder only carries a buffer from one call to the next within a write, and the buffer size is read at each
 * write. Anything unexpected on the way (another server, another version) leaves the connection as it is.
 * <p>
 * The same writer leads to the connection's socket, which a connection the server gave up on may have to be dropped
 * from ({@link #dropper}).
 */
final class GrizzlyOutput {

    private static final Logger LOG = System.getLogger(GrizzlyOutput.class.getName());
    private static final String[] TO_WRITER = {"protocolHandler", "writer"};
    private static final String[] TO_OUTPUT = {"servletOutputStream", "ob", "grizzlyOutputBuffer"};
    private static final String[] TO_UPGRADE_HANDLER = {"tyrusHttpUpgradeHandler"};
    private static final String[] TO_REQUEST = {"wc", "request", "coyoteRequest"};
    /** The fields followed, by class and name: every connection follows the same ones. */
    private static final ClassValue<Map<String, Optional<Field>>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Optional<Field>> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    /** Tyrus's writer of the connection: the lock of its writes. */
    private final Object writer;
    /** The output buffer's builder, found at the first release: the output stream opens at the first write. */
    private HttpContent.Builder<?> builder;
    private boolean unreachable;

    private GrizzlyOutput(Object writer) {
        this.writer = writer;
    }

    /**
     * What lets go of the connection's last written buffer, or null where it cannot be reached.
     *
     * @param socket Tyrus's {@link TyrusWebSocket} of the connection
     */
    static Runnable releaser(Object socket) {
        try {
            Object writer = follow(socket, TO_WRITER);
            return writer == null ? null : new GrizzlyOutput(writer)::release;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "The last written buffer is kept: {0}", unexpected.toString());
            return null;
        }
    }

    /**
     * What drops the connection's socket at once if it is still open, or null where it cannot be reached. Closing a
     * WebSocket only queues its close frame behind what the peer has not read, and the socket waits for the peer's
     * answer: a peer that stopped reading would hold both, and its backlog, for as long as it stays connected.
     * <p>
     * The socket is not closed here, under the container's feet: its input is shut down, so that the container's
     * selector finds the end of the input and closes the connection on its own threads, as when a peer goes away,
     * and with no lingering, so that the close resets the connection and discards what the peer did not read.
     * (Closing Grizzly's connection from another thread ran its close listeners there, concurrently with its own
     * threads, and a closed connection stayed reachable: {@code docs/benchmarks.md}.)
     * <p>
     * It is Grizzly's connection of the upgraded request ({@link #request}). The container lets go of the request
     * once the WebSocket closes: look it up before closing.
     *
     * @param socket Tyrus's {@link TyrusWebSocket} of the connection
     */
    static BooleanSupplier dropper(Object socket) {
        try {
            if (request(socket) instanceof Request request
                    && request.getRequest().getConnection() instanceof NIOConnection transport
                    && transport.getChannel() instanceof SocketChannel channel) {
                return () -> transport.isOpen() && endInput(channel);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "A connection that never answers its close is left to TCP: {0}",
                    unexpected.toString());
        }
        return null;
    }

    /**
     * The Grizzly request of the upgrade, reached from Tyrus's writer: its upgrade handler (behind the proxy Tyrus
     * registers, where there is one), the web container's {@code WebConnection}, its request and the Grizzly request
     * under it; null where one of them is not there.
     */
    static Object request(Object socket) throws ReflectiveOperationException {
        return follow(upgradeHandler(socket), TO_REQUEST);
    }

    /** Tyrus's upgrade handler of the connection, behind the proxy Tyrus registers where there is one; or null. */
    static Object upgradeHandler(Object socket) throws ReflectiveOperationException {
        Object handler = follow(follow(socket, TO_WRITER), TO_UPGRADE_HANDLER);
        Object proxied = handler == null ? null : declaredOrNull(handler, "handler");
        return proxied != null ? proxied : handler;
    }

    /** Shuts the socket's input down, to be closed with a reset; false if it was closed meanwhile. */
    private static boolean endInput(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.shutdownInput();
            return true;
        } catch (IOException | RuntimeException closed) {
            return false;
        }
    }

    private void release() {
        synchronized (writer) {
            if (builder == null && !unreachable) {
                builder = opened();
            }
            if (builder != null) {
                builder.content(null);
            }
        }
    }

    /**
     * At the first release once the writer has opened its output stream: Grizzly's output buffer set to write frames
     * from their own bytes, and its builder; null if the stream is not open yet.
     */
    private HttpContent.Builder<?> opened() {
        try {
            if (follow(writer, TO_OUTPUT) instanceof OutputBuffer output
                    && field(OutputBuffer.class, "builder").get(output) instanceof HttpContent.Builder<?> found) {
                writeInPlace(output);
                return found;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            unreachable = true;
            LOG.log(Level.DEBUG, "The last written buffer is kept: {0}", unexpected.toString());
        }
        return null;
    }

    /** Sets the output buffer's size to 0: a write of any size is handed to the socket from its own bytes. */
    private static void writeInPlace(OutputBuffer output) {
        try {
            field(OutputBuffer.class, "bufferSize").setInt(output, 0);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "Grizzly copies each frame before writing it: {0}", unexpected.toString());
        }
    }

    /** The object at the end of the fields' path, or null if one of them is null (not yet set). */
    private static Object follow(Object from, String[] path) throws ReflectiveOperationException {
        Object at = from;
        for (String name : path) {
            if (at == null) {
                return null;
            }
            at = field(at.getClass(), name).get(at);
        }
        return at;
    }

    /** The value of the object's field of that name, or null if its class has none. */
    private static Object declaredOrNull(Object of, String name) throws IllegalAccessException {
        Optional<Field> field = cached(of.getClass(), name);
        return field.isPresent() ? field.get().get(of) : null;
    }

    /** The field of that name declared by the class or a superclass, made accessible (looked up once per class). */
    static Field field(Class<?> type, String name) throws NoSuchFieldException {
        return cached(type, name).orElseThrow(() -> new NoSuchFieldException(type.getName() + "." + name));
    }

    private static Optional<Field> cached(Class<?> type, String name) {
        return FIELDS.get(type).computeIfAbsent(name, missing -> lookUp(type, missing));
    }

    private static Optional<Field> lookUp(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    field.setAccessible(true);
                    return Optional.of(field);
                }
            }
        }
        return Optional.empty();
    }
}
