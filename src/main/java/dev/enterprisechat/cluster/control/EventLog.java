package dev.enterprisechat.cluster.control;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.storage.ConfiguredDataSource;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.io.StringReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster's event stream: PostgreSQL {@code NOTIFY} on channel {@value #CHANNEL}, sent in the transaction of the
 * change it announces, and one {@code LISTEN}ing session per instance that hands every notification to this
 * instance's connections.
 * <p>
 * Why this gives every connection a conversation's messages in seq order: seqs are assigned under the
 * conversation's row lock, held until commit, so a conversation's messages commit in seq order; PostgreSQL delivers
 * the notifications of different transactions in commit order; and each instance delivers them from one thread, in
 * the order received — its own events included (they take the same way, so a connection never sees a local message
 * overtake a remote one).
 * <p>
 * A notification is {@code header \n frame}: the routing (users or room, exclusions, origin, acknowledgement key)
 * as JSON, then the client frame exactly as it will be sent, encoded once. One that would exceed PostgreSQL's
 * 8000-byte payload is stored in {@code cluster_event_bodies} in the same transaction and named by id instead.
 * <p>
 * If the listening session breaks, notifications sent meanwhile are lost to this instance: when it listens again it
 * closes its client connections with 1012 (reconnect, then {@code sync} catches up from the database), so a gap
 * never goes unnoticed.
 */
@ApplicationScoped
public class EventLog {

    public static final String CHANNEL = "chat_events";
    /** PostgreSQL's limit is 8000 bytes; the rest is headroom. */
    static final int MAX_NOTIFICATION_BYTES = 7900;
    private static final Logger LOG = System.getLogger(EventLog.class.getName());
    private static final Object DELIVERED = new Object();

    @Inject
    ClusterSettings settings;

    @Inject
    Rooms rooms;

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    /** Acknowledgement keys: a waiting action, or DELIVERED when the notification came first. */
    private final ConcurrentHashMap<String, Object> gates = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile boolean everListened;
    private volatile java.sql.Connection session;
    private Thread listener;

    /**
     * Starts listening before the application serves anyone, so that no event committed after a client's
     * {@code sync} can pass this instance by.
     */
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.enabled()) {
            return;
        }
        running = true;
        try {
            session = listen();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Cannot LISTEN yet ({0}); connections are refused until it can", e.getMessage());
        }
        listener = threads.newThread(this::receive);
        listener.setName("chat-cluster-listener");
        listener.start();
        LOG.log(Level.INFO, "Cluster mode: instance {0}, events through PostgreSQL channel {1}",
                settings.instanceId(), CHANNEL);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Whether this instance receives the cluster's events (always true without a cluster). */
    public boolean isListening() {
        return !settings.enabled() || listening;
    }

    /** Notifications received since start (for metrics). */
    public long received() {
        return received.get();
    }

    /** A new acknowledgement key: named in the last notification of a transaction, see {@link #whenDelivered}. */
    public String newKey() {
        return settings.instanceId() + ":" + keys.incrementAndGet();
    }

    /**
     * Runs {@code action} once this instance has delivered the notification carrying {@code key} — at once if it
     * already has. The message writers acknowledge sends this way, so a sender's ack never overtakes the
     * {@code new_message} events that precede it on the same connection.
     */
    public void whenDelivered(String key, Runnable action) {
        Object[] due = {null};
        gates.compute(key, (k, state) -> {
            if (state == DELIVERED) {
                due[0] = action;
                return null;
            }
            return action;
        });
        if (due[0] != null) {
            action.run();
        }
    }

    /** Publishes in the caller's transaction (or at once, outside one) on a connection of the application's pool. */
    public void publish(Broadcast broadcast) {
        try (java.sql.Connection db = dataSource.getConnection()) {
            publish(db, List.of(notification(broadcast, null)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot publish " + broadcast.type() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The text of one notification; {@code ackKey} (may be null) is handed to {@link #whenDelivered} by the
     * instance that published it.
     */
    public String notification(Broadcast broadcast, String ackKey) {
        JsonObjectBuilder header = Json.createObjectBuilder().add("o", settings.instanceId());
        if (broadcast.room() != null) {
            header.add("r", broadcast.room());
        } else {
            JsonArrayBuilder users = Json.createArrayBuilder();
            broadcast.users().forEach(users::add);
            header.add("u", users);
        }
        if (broadcast.exceptConnection() != null) {
            header.add("xc", broadcast.exceptConnection());
        }
        if (broadcast.exceptUser() != null) {
            header.add("xu", broadcast.exceptUser());
        }
        if (broadcast.droppable()) {
            header.add("d", true);
        }
        if (ackKey != null) {
            header.add("k", ackKey);
        }
        if (broadcast.eviction() != null) {
            header.add("ev", Json.createObjectBuilder().add("u", broadcast.eviction().userId())
                    .add("r", broadcast.eviction().conversationId()));
        }
        return header.build() + "\n" + EnvelopeEncoder.frame(Envelope.event(broadcast.type(), broadcast.payload()));
    }

    /** Sends the notifications, in order, in the transaction of {@code db}: one round trip, plus one per large one. */
    public void publish(java.sql.Connection db, List<String> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return;
        }
        List<String> payloads = new ArrayList<>(notifications.size());
        for (String text : notifications) {
            payloads.add(text.length() * 3 <= MAX_NOTIFICATION_BYTES
                    || text.getBytes(StandardCharsets.UTF_8).length <= MAX_NOTIFICATION_BYTES
                    ? text : "{\"ref\":" + storeBody(db, text) + "}");
        }
        if (payloads.size() == 1) {
            try (PreparedStatement notify = db.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
                notify.setString(1, payloads.get(0));
                notify.execute();
            }
            return;
        }
        // in array order: unnest emits its elements in order and the aggregate consumes them as they come
        try (PreparedStatement notify = db.prepareStatement(
                "SELECT count(pg_notify('" + CHANNEL + "', n)) FROM unnest(?::text[]) AS n")) {
            notify.setArray(1, db.createArrayOf("text", payloads.toArray()));
            notify.execute();
        }
    }

    private static long storeBody(java.sql.Connection db, String text) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO cluster_event_bodies (body, created_at) VALUES (?, now())",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, text);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private java.sql.Connection listen() throws SQLException {
        java.sql.Connection db = ConfiguredDataSource.openDedicated("chat-cluster-listener");
        try (Statement statement = db.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        } catch (SQLException e) {
            db.close();
            throw e;
        }
        listening = true;
        return db;
    }

    private void receive() {
        long pause = 100;
        while (running) {
            java.sql.Connection db = session;
            try {
                if (db == null) {
                    db = listen();
                    session = db;
                    pause = 100;
                    if (everListened) {
                        LOG.log(Level.WARNING, "Listening for cluster events again; closing this instance's "
                                + "connections so that their clients catch up on what it may have missed");
                        recoverFromGap();
                    } else {
                        LOG.log(Level.INFO, "Listening for cluster events");
                    }
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
                LOG.log(Level.WARNING, "Cluster event stream interrupted: {0}; retrying in {1} ms",
                        e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    break;
                }
                pause = Math.min(pause * 2, 5000);
            }
        }
        listening = false;
        close(session);
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
                        ping.execute("SELECT 1");
                    }
                    idleSince = System.nanoTime();
                }
                continue;
            }
            for (PGNotification notification : batch) {
                if (CHANNEL.equals(notification.getName())) {
                    try {
                        deliver(db, notification.getParameter());
                    } catch (RuntimeException unreadable) {
                        // one bad notification (say, a NOTIFY on this channel by something else) must not cost
                        // every client its connection; a client that misses a message sees the seq gap and syncs
                        LOG.log(Level.ERROR, "A cluster event could not be delivered and was skipped", unreadable);
                    }
                }
            }
            idleSince = System.nanoTime();
        }
    }

    private void deliver(java.sql.Connection db, String text) throws SQLException {
        received.incrementAndGet();
        if (text.startsWith("{\"ref\":")) {
            text = loadBody(db, readHeader(text).getJsonNumber("ref").longValue());
            if (text == null) {
                LOG.log(Level.WARNING, "A cluster event body was already deleted; its clients catch up with sync");
                return;
            }
        }
        int split = text.indexOf('\n');
        JsonObject header = readHeader(text.substring(0, split));
        String frame = text.substring(split + 1);
        boolean droppable = header.getBoolean("d", false);
        try {
            if (header.containsKey("r")) {
                rooms.sendToRoom(header.getJsonNumber("r").longValue(), frame, string(header, "xu"), droppable);
            } else {
                rooms.sendToUsers(users(header), frame, string(header, "xc"), droppable);
            }
            JsonObject eviction = header.getJsonObject("ev");
            if (eviction != null) {
                rooms.evict(new Broadcast.Eviction(eviction.getString("u"),
                        eviction.getJsonNumber("r").longValue()));
            }
        } finally {
            String key = string(header, "k");
            if (key != null && settings.instanceId().equals(header.getString("o"))) {
                delivered(key);
            }
        }
    }

    private void delivered(String key) {
        Object[] due = {null};
        gates.compute(key, (k, state) -> {
            if (state instanceof Runnable waiting) {
                due[0] = waiting;
                return null;
            }
            return DELIVERED;
        });
        if (due[0] != null) {
            ((Runnable) due[0]).run();
        }
    }

    /** After a gap: what waited for a lost notification is committed, so it is acknowledged; clients must resync. */
    private void recoverFromGap() {
        for (Map.Entry<String, Object> gate : gates.entrySet()) {
            if (gates.remove(gate.getKey(), gate.getValue()) && gate.getValue() instanceof Runnable waiting) {
                waiting.run();
            }
        }
        for (Connection connection : List.copyOf(rooms.open())) {
            connection.abandon(CloseCodes.SERVICE_RESTART, "events may have been missed: reconnect and sync");
        }
    }

    private static String loadBody(java.sql.Connection db, long id) throws SQLException {
        try (PreparedStatement select = db.prepareStatement("SELECT body FROM cluster_event_bodies WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static JsonObject readHeader(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static Set<String> users(JsonObject header) {
        Set<String> users = new HashSet<>();
        for (JsonValue user : header.getJsonArray("u")) {
            users.add(((JsonString) user).getString());
        }
        return users;
    }

    private static String string(JsonObject header, String name) {
        JsonValue value = header.get(name);
        return value instanceof JsonString text ? text.getString() : null;
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
