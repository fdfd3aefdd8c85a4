package dev.enterprisechat.operations.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps one known container fault out of the log, one summary line instead.
 * <p>
 * When the server closes a WebSocket (a sign-in deadline, a slow or abusive client), the client's own close frame
 * can still arrive on the TCP connection; Grizzly reads it as the start of a new HTTP request and fails on it with a
 * {@link NullPointerException} inside its HTTP code (decoding the "request URI", preparing a response for a
 * request it has not got, reading the attributes of a connection already gone); and closing the upgraded
 * connection can race with the client's own close, and fail with one while finishing the (already recycled) HTTP
 * response; or, once a client broke an upgraded connection, the container tries to answer it with an HTTP error
 * after the upgrade's response was sent ({@code IllegalStateException} from {@code Response.sendError}); or Grizzly
 * fails on such a request because the connection was closed, and the request recycled, while it read it
 * ({@code IllegalStateException: Unexpected DataChunk type}), then again writing its error page to the closed
 * connection ({@code IOException: Connection is closed}, "GRIZZLY0202"); or a frame being written while the container
 * recycles the response of a connection the client just closed, which lets go of the buffer the write reads
 * ({@code IllegalStateException: HeapBuffer has already been disposed}). The web container and Grizzly's filter chain
 * log each with a stack trace. Nothing is wrong with the server, and any client can cause them at will: closing
 * 1,500 unauthenticated sockets at once wrote dozens of these traces. Such records are counted instead, and said once
 * an hour at most.
 */
@ApplicationScoped
public class ContainerNoise {

    private static final java.lang.System.Logger LOG = System.getLogger(ContainerNoise.class.getName());
    private static final long SUMMARY_EVERY_NANOS = 3_600_000_000_000L;
    private static final String WEB_CONTAINER = "jakarta.enterprise.web";
    private static final String RESPONSE = "org.apache.catalina.connector.Response";
    private static final String GRIZZLY = "org.glassfish.grizzly.";
    private static final String GRIZZLY_HTTP = "org.glassfish.grizzly.http.";
    /** Grizzly's connections and transports: where its input and output on a client's connection fail. */
    private static final String GRIZZLY_CONNECTION = "org.glassfish.grizzly.nio.";
    /** Where Grizzly refuses a buffer let go of meanwhile (by the recycling of a closed connection's response). */
    private static final String GRIZZLY_HEAP_BUFFER = "org.glassfish.grizzly.memory.HeapBuffer";
    private static final List<String> CONNECTION_FAILURES = List.of(
            "StandardWrapperValve[default]: Servlet.service() for servlet default threw exception",
            "Response Error during finishResponse");

    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastSummary = new AtomicLong(System.nanoTime() - SUMMARY_EVERY_NANOS);
    private final Map<Handler, Filter> previous = new HashMap<>();

    /**
     * On the root logger's handlers, which every record reaches whatever logger (and logger context) it was logged
     * through; the web container logs these through more than one.
     */
    void install(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter before = handler.getFilter();
            previous.put(handler, before);
            handler.setFilter(record -> isLoggable(record, before));
        }
    }

    void remove(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        previous.forEach(Handler::setFilter);
    }

    /** Container faults on connections that clients closed or broke, since start. */
    public long dropped() {
        return dropped.get();
    }

    boolean isLoggable(LogRecord record, Filter before) {
        if (isConnectionNoise(record)) {
            dropped.incrementAndGet();
            summarise();
            return false;
        }
        return before == null || before.isLoggable(record);
    }

    /**
     * A NullPointerException thrown by the container's own connection code (its first frame is there), an
     * IllegalStateException from Grizzly's HTTP code or an IOException from its connection code (both: a request read on
     * a connection closed meanwhile, and the error page Grizzly then writes to it), the
     * container's {@code sendError} on a response it already committed (an upgraded connection), or the web
     * container's report of a failure in its default servlet (which upgrades WebSockets and serves the UI's files)
     * or in finishing a response: Payara logs those with the exception attached where a filter cannot see it.
     */
    static boolean isConnectionNoise(LogRecord record) {
        if (record.getLevel().intValue() < Level.WARNING.intValue()) {
            return false;
        }
        String message = record.getMessage();
        if (WEB_CONTAINER.equals(record.getLoggerName()) && message != null
                && CONNECTION_FAILURES.stream().anyMatch(message::startsWith)) {
            return true;
        }
        Throwable thrown = record.getThrown();
        StackTraceElement[] frames = thrown == null ? new StackTraceElement[0] : thrown.getStackTrace();
        if (frames.length == 0) {
            return false;
        }
        String where = frames[0].getClassName();
        if (thrown instanceof IllegalStateException) {
            // the container answering an upgraded connection that a client broke (a frame over the limit) with an
            // HTTP error, after the upgrade's 101 was sent; or Grizzly reading a request whose connection was closed,
            // and its request recycled, while it read ("Unexpected DataChunk type"); or a write racing the recycling
            // of a closed connection's response
            return RESPONSE.equals(where) && "sendError".equals(frames[0].getMethodName())
                    || where.startsWith(GRIZZLY_HTTP)
                    || GRIZZLY_HEAP_BUFFER.equals(where) && "checkDispose".equals(frames[0].getMethodName());
        }
        if (thrown instanceof IOException) {
            // Grizzly's answer (its error page) to such a request, on a connection already closed
            return where.startsWith(GRIZZLY_CONNECTION);
        }
        return thrown instanceof NullPointerException
                && (where.startsWith(GRIZZLY) || where.startsWith("org.apache.catalina.connector."));
    }

    private void summarise() {
        long now = System.nanoTime();
        long last = lastSummary.get();
        if (now - last >= SUMMARY_EVERY_NANOS && lastSummary.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.INFO, "The web container failed on connections that clients closed or broke "
                    + "({0} since start: container faults a client can cause at will, counted, not logged one by one)",
                    dropped.get());
        }
    }
}
