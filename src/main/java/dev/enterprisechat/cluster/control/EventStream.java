package dev.enterprisechat.cluster.control;

import dev.enterprisechat.storage.ConfiguredDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code LISTEN}ing session and the thread that reads it: every notification of the channel, bodies stored by
 * reference resolved, is handed on in the order received. A broken session is opened again with backoff; since
 * notifications sent meanwhile are lost to this instance, the gap is reported when it listens again.
 */
final class EventStream {

    private static final Logger LOG = System.getLogger(EventStream.class.getName());

    private final Consumer<List<String>> events;
    private final Runnable afterGap;
    private volatile boolean running = true;
    private volatile boolean listening;
    private volatile java.sql.Connection session;
    private boolean everListened;

    /**
     * @param events   the notifications' texts of each read, on the stream's thread, in order
     * @param afterGap run when the stream listens again after an interruption (events may have been missed)
     */
    EventStream(Consumer<List<String>> events, Runnable afterGap) {
        this.events = events;
        this.afterGap = afterGap;
    }

    /** Tries to listen at once, so that no event committed after a client's sync can pass this instance by. */
    void open() {
        try {
            session = listen();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot LISTEN yet ({0}); connections are refused until it can", e.getMessage());
        }
    }

    boolean isListening() {
        return listening;
    }

    void stop() {
        running = false;
    }

    /** The stream's thread: receives until stopped. */
    void run() {
        long pause = 100;
        while (running) {
            java.sql.Connection db = session;
            try {
                if (db == null) {
                    db = listen();
                    session = db;
                    pause = 100;
                    reportReconnection();
                }
                everListened = true;
                drain(db);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                listening = false;
                session = null;
                close(db);
                LOG.log(Level.WARNING, "Cluster event stream interrupted: {0}; retrying in {1} ms", e.getMessage(),
                        pause);
                if (!pause(pause)) {
                    break;
                }
                pause = Math.min(pause * 2, 5000);
            }
        }
        listening = false;
        close(session);
    }

    private void reportReconnection() {
        if (everListened) {
            LOG.log(Level.WARNING, "Listening for cluster events again; closing this instance's connections so "
                    + "that their clients catch up on what it may have missed");
            afterGap.run();
        } else {
            LOG.log(Level.INFO, "Listening for cluster events");
        }
    }

    private java.sql.Connection listen() throws SQLException {
        java.sql.Connection db = ConfiguredDataSource.openDedicated("chat-cluster-listener");
        try (Statement statement = db.createStatement()) {
            statement.execute(ClusterSql.LISTEN);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        listening = true;
        return db;
    }

    private void drain(java.sql.Connection db) throws SQLException {
        PGConnection postgres = db.unwrap(PGConnection.class);
        long idleSince = System.nanoTime();
        while (running) {
            PGNotification[] batch = postgres.getNotifications(1000);
            if (batch == null || batch.length == 0) {
                if (System.nanoTime() - idleSince > 10_000_000_000L) {
                    // a quiet stream may be a dead one: ask, and fail (then re-listen) if the server is gone
                    try (Statement ping = db.createStatement()) {
                        ping.setQueryTimeout(10);
                        ping.execute(ClusterSql.PING);
                    }
                    idleSince = System.nanoTime();
                }
                continue;
            }
            List<String> texts = new ArrayList<>(batch.length);
            for (PGNotification notification : batch) {
                if (Notifications.CHANNEL.equals(notification.getName())) {
                    String full = resolved(db, notification.getParameter());
                    if (full != null) {
                        texts.add(full);
                    }
                }
            }
            hand(texts);
            idleSince = System.nanoTime();
        }
    }

    /** The notification's text, its body loaded where it is stored by reference; null if that body is gone. */
    private static String resolved(java.sql.Connection db, String text) throws SQLException {
        String full = Notifications.isReference(text) ? loadBody(db, Notifications.referencedBody(text)) : text;
        if (full == null) {
            LOG.log(Level.WARNING, "A cluster event body was already deleted; its clients catch up with sync");
        }
        return full;
    }

    private void hand(List<String> texts) {
        if (texts.isEmpty()) {
            return;
        }
        try {
            events.accept(texts);
        } catch (RuntimeException unexpected) {
            // the consumer skips what it cannot read or deliver, one event at a time; this must not stop the stream
            LOG.log(Level.ERROR, "Cluster events could not be delivered and were skipped", unexpected);
        }
    }

    private static String loadBody(java.sql.Connection db, long id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement(ClusterSql.LOAD_BODY)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void close(java.sql.Connection db) {
        if (db != null) {
            try {
                db.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
