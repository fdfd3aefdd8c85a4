package dev.enterprisechat.rooms;

import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.tyrus.core.TyrusWebSocket;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;

/**
 * Lets go of the last frame a connection wrote, which Payara's (and GlassFish's) I/O layer keeps until the next: the
 * output buffer of the upgraded response builds each write's message with one builder, and the builder keeps the
 * buffer of its last message. That buffer is a slice of a 64 KB buffer of Grizzly's memory pool, shared with the
 * writes of other connections on the same thread, so a few idle connections keep a whole 64 KB buffer alive (with
 * their handshake's header bytes, released by the gateway: together 6.5 KB per idle connection, docs/benchmarks.md).
 * <p>
 * The builder is reached from Tyrus's socket: its protocol handler's writer (whose lock every write of the
 * connection holds, Tyrus's own pongs and closes included), that writer's servlet output stream, the web container's
 * output buffer under it, and Grizzly's under that. Forgetting the builder's buffer under the writer's lock is
 * safe: the builder only carries a buffer from one call to the next within a write. Anything unexpected on the
 * way (another server, another version) leaves the connection as it is.
 */
final class GrizzlyOutput {

    private static final Logger LOG = System.getLogger(GrizzlyOutput.class.getName());
    private static final String[] TO_WRITER = {"protocolHandler", "writer"};
    private static final String[] TO_BUILDER = {"servletOutputStream", "ob", "grizzlyOutputBuffer", "builder"};

    /** Tyrus's writer of the connection: the lock of its writes. */
    private final Object writer;
    /** The builder, found at the first release: the writer opens its output stream at its first write. */
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

    private void release() {
        synchronized (writer) {
            if (builder == null && !unreachable) {
                try {
                    if (follow(writer, TO_BUILDER) instanceof HttpContent.Builder<?> found) {
                        builder = found;
                    }
                } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
                    unreachable = true;
                    LOG.log(Level.DEBUG, "The last written buffer is kept: {0}", unexpected.toString());
                }
            }
            if (builder != null) {
                builder.content(null);
            }
        }
    }

    /** The object at the end of the fields' path, or null if one of them is null (not yet set). */
    private static Object follow(Object from, String[] path) throws ReflectiveOperationException {
        Object at = from;
        for (String name : path) {
            at = field(at.getClass(), name).get(at);
            if (at == null) {
                return null;
            }
        }
        return at;
    }

    /** The field of that name declared by the class or a superclass, made accessible. */
    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException notHere) {
                // a superclass's, then
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }
}
