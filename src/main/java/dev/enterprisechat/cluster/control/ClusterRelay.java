package dev.enterprisechat.cluster.control;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.rooms.Rooms;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay of the cluster mode ({@code chat.cluster=postgres}): every event is published with {@code NOTIFY} in
 * the transaction of its change, and every instance, this one included, delivers it from its {@link EventStream}.
 * <p>
 * Why a conversation's events reach every connection in commit order: its changes take the conversation's row
 * lock, held until commit, so they commit in order; PostgreSQL delivers the notifications of different transactions
 * in commit order; and each instance delivers them from one thread, in the order received, its own included (so a
 * local event never overtakes a remote one). A sender's ack waits until this instance delivered its batch's last
 * notification (an acknowledgement key in it), so the ack never overtakes the events before it.
 */
@ApplicationScoped
public class ClusterRelay implements Relay {

    private static final Logger LOG = System.getLogger(ClusterRelay.class.getName());
    private static final Object DELIVERED = new Object();

    @Inject
    ClusterSettings settings;

    @Inject
    EventPublisher publisher;

    @Inject
    Rooms rooms;

    @Resource
    ManagedThreadFactory threads;

    /** Acknowledgement keys: a waiting action, or DELIVERED when the notification came first. */
    private final ConcurrentHashMap<String, Object> gates = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private EventStream stream;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.enabled()) {
            return;
        }
        stream = new EventStream(this::received, this::recoverFromGap);
        stream.open();
        listener = threads.newThread(stream::run);
        listener.setName("chat-cluster-listener");
        listener.start();
        LOG.log(Level.INFO, "Cluster mode: instance {0}, events through PostgreSQL channel {1}",
                settings.instanceId(), Notifications.CHANNEL);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (stream != null) {
            stream.stop();
            listener.interrupt();
        }
    }

    @Override
    public boolean active() {
        return settings.enabled();
    }

    @Override
    public void beforeCommit(Broadcast broadcast) {
        publisher.publish(Notifications.encode(broadcast, settings.instanceId(), null));
    }

    @Override
    public void afterCommit(Broadcast broadcast) {
        // delivered from the event stream, as every instance's
    }

    @Override
    public Staged stage(java.sql.Connection db, List<Broadcast> broadcasts, boolean commit) throws SQLException {
        if (broadcasts.isEmpty()) {
            return Runnable::run;
        }
        String key = settings.instanceId() + ":" + keys.incrementAndGet();
        List<String> notifications = new ArrayList<>(broadcasts.size());
        for (int i = 0; i < broadcasts.size(); i++) {
            boolean last = i == broadcasts.size() - 1;
            notifications.add(Notifications.encode(broadcasts.get(i), settings.instanceId(), last ? key : null));
        }
        publisher.publish(db, notifications, commit);
        return new Staged() {
            @Override
            public void afterCommit(Runnable delivered) {
                whenDelivered(key, delivered);
            }

            @Override
            public boolean committed() {
                return commit;
            }
        };
    }

    @Override
    public boolean stagesInTransaction() {
        return true;
    }

    @Override
    public boolean receiving() {
        return !settings.enabled() || stream != null && stream.isListening();
    }

    /** Notifications received since start (for metrics). */
    public long received() {
        return received.get();
    }

    private void received(String text) {
        received.incrementAndGet();
        Notifications.Received event = Notifications.decode(text);
        try {
            rooms.deliver(event.routing(), event.frame());
        } finally {
            if (event.ackKey() != null && settings.instanceId().equals(event.origin())) {
                delivered(event.ackKey());
            }
        }
    }

    /** Runs {@code action} once this instance has delivered the notification carrying {@code key}, or at once. */
    private void whenDelivered(String key, Runnable action) {
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
}
