package dev.enterprisechat.rooms;

import java.util.concurrent.Future;

/**
 * A connection's pending deadline (the end of the sign-in window, the token's expiry): when it comes, the
 * connection is closed with a code and reason.
 * <p>
 * The container's scheduler keeps a cancelled task queued until the task's time comes. A task that held the
 * connection would keep it, its session and its buffers reachable until then (a token valid for an hour kept every
 * closed connection for that hour), so a cancelled deadline lets go of its connection at once: what stays queued is
 * this small shell.
 */
public final class Deadline implements Runnable {

    private final int code;
    private final String reason;
    private volatile Connection connection;
    private volatile Future<?> scheduled;

    private Deadline(Connection connection, int code, String reason) {
        this.connection = connection;
        this.code = code;
        this.reason = reason;
    }

    /** A deadline that closes the connection; give it to {@link Connection#replaceDeadline}, then schedule it. */
    public static Deadline closing(Connection connection, int code, String reason) {
        return new Deadline(connection, code, reason);
    }

    /** The scheduled run of this deadline, so that cancelling it also unschedules it. */
    public void scheduledAs(Future<?> future) {
        this.scheduled = future;
        if (connection == null) {
            future.cancel(false);
        }
    }

    @Override
    public void run() {
        Connection target = connection;
        if (target != null) {
            target.close(code, reason);
        }
    }

    void cancel() {
        connection = null;
        Future<?> future = scheduled;
        if (future != null) {
            future.cancel(false);
        }
    }
}
