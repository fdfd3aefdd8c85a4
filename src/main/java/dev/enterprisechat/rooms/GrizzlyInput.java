package dev.enterprisechat.rooms;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.http.io.InputBuffer;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.memory.Buffers;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Lets go of the last bytes a connection read, which Payara's (and GlassFish's) I/O layer keeps until the next read:
 * the upgraded request's input buffer keeps the content it was last given (the upgrade request's empty body, then
 * each read of frames) after Tyrus has read it to its end. That content is a slice of a 64 KB buffer of Grizzly's
 * memory pool, shared with the reads of other connections on the same thread, so a few idle connections keep a whole
 * 64 KB buffer alive: 57 to 69 of them (3.7 to 4.5 MB) for 2 000 idle connections in two heap dumps
 * (docs/benchmarks.md).
 * <p>
 * It runs on the thread that reads the connection: at open, and from the endpoint's handlers, which Tyrus calls while
 * it handles what it has read (it reads all that is available first). The container reads a connection on one thread
 * at a time, so nothing is given to the input meanwhile; the swap is a compare-and-set all the same, so that content
 * given by another thread would never be lost. An empty buffer takes the place of content read to its end; the input
 * buffer replaces it with the next content it is given, as it replaces read content. Content not read to its end is
 * left alone. Anything unexpected on the way (another server, another version) leaves the connection as it is.
 */
final class GrizzlyInput {

    private static final Logger LOG = System.getLogger(GrizzlyInput.class.getName());
    private static final VarHandle CONTENT = contentHandle();

    private final InputBuffer input;

    GrizzlyInput(InputBuffer input) {
        this.input = input;
    }

    /**
     * What lets go of the connection's last read content, or null where it cannot be reached.
     *
     * @param socket Tyrus's socket of the connection
     */
    static GrizzlyInput of(Object socket) {
        try {
            return CONTENT != null && GrizzlyOutput.request(socket) instanceof Request request
                    ? new GrizzlyInput(request.getInputBuffer()) : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError unexpected) {
            LOG.log(Level.DEBUG, "The last read buffer is kept: {0}", unexpected.toString());
            return null;
        }
    }

    /** On the connection's reading thread: lets go of the content it was last given if it has been read. */
    void release() {
        try {
            if (CONTENT.get(input) instanceof Buffer content && content != Buffers.EMPTY_BUFFER
                    && !content.hasRemaining()) {
                CONTENT.compareAndSet(input, content, Buffers.EMPTY_BUFFER);
            }
        } catch (RuntimeException unexpected) {
            LOG.log(Level.DEBUG, "The last read buffer is kept: {0}", unexpected.toString());
        }
    }

    private static VarHandle contentHandle() {
        try {
            return MethodHandles.privateLookupIn(InputBuffer.class, MethodHandles.lookup())
                    .findVarHandle(InputBuffer.class, "inputContentBuffer", Buffer.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError absent) {
            return null;
        }
    }
}
