package dev.enterprisechat.cluster.control;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Frame;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.rooms.Relay.Announcement;
import dev.enterprisechat.rooms.Relay.Announcements;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.Routed;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay of the cluster mode ({@code chat.cluster=postgres}): every event is published with {@code NOTIFY} in
 * the transaction of its change, and every instance delivers it from its {@link EventStream}; this one's writers
 * deliver their own batches themselves when nothing of their conversations is still on its way.
 * <p>
 * Why a conversation's events reach every connection in commit order: its changes take the conversation's row
 * lock, held until commit, so they commit in order; PostgreSQL delivers the notifications of different transactions
 * in commit order; and each instance delivers them from one thread, in the order received, its own included (so a
 * local event never overtakes a remote one). A writer's batch whose conversations this instance has delivered up to
 * the revisions the batch found under their locks is the next thing to deliver in each of them: its writer delivers
 * it at commit and acks at once, and the stream skips its notifications ({@link DeliveredRevisions}). Any other batch
 * is delivered from the stream, and its sender's ack waits until this instance delivered the batch's last
 * notification (an acknowledgement key in it). Either way an ack never overtakes the events before it.
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
    /** How many conversations' delivered revisions are remembered (about 8 MB when full). */
    private final DeliveredRevisions revisions = new DeliveredRevisions(100_000);
    private EventStream stream;
    private StreamedEvents arrivals;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!settings.enabled()) {
            return;
        }
        arrivals = new StreamedEvents(rooms, revisions, this::deliveredHere);
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
    public Staged stage(java.sql.Connection db, Announcements batch, boolean commit) throws SQLException {
        if (batch.isEmpty()) {
            return Runnable::run;
        }
        // delivered here up to where the batch begins: its writer delivers it at commit, and acks without waiting
        boolean next = revisions.next(batch.revsBefore());
        String key = next ? null : settings.instanceId() + ":" + keys.incrementAndGet();
        List<Announcement> announcements = batch.announcements();
        List<String> frames = new ArrayList<>(announcements.size());
        List<String> notifications = new ArrayList<>(announcements.size());
        for (int i = 0; i < announcements.size(); i++) {
            Announcement announcement = announcements.get(i);
            String frame = announcement.broadcast().frame();
            frames.add(frame);
            boolean last = i == announcements.size() - 1;
            notifications.add(Notifications.encode(announcement.broadcast(), frame, settings.instanceId(),
                    last ? key : null, announcement));
        }
        publisher.publish(db, notifications, commit);
        return new Staged() {
            @Override
            public void afterCommit(Runnable delivered) {
                if (next) {
                    deliverHere(batch, frames);
                    delivered.run();
                } else {
                    whenDelivered(key, delivered);
                }
            }

            @Override
            public boolean committed() {
                return commit;
            }
        };
    }

    /** A committed batch, by its writer: each conversation's changes in the batch's order (see DeliveredRevisions). */
    private void deliverHere(Announcements batch, List<String> frames) {
        List<Announcement> announcements = batch.announcements();
        Map<Long, List<Integer>> byConversation = new LinkedHashMap<>();
        for (int i = 0; i < announcements.size(); i++) {
            byConversation.computeIfAbsent(announcements.get(i).conversationId(), id -> new ArrayList<>()).add(i);
        }
        byConversation.forEach((conversation, changes) -> {
            long lastRev = announcements.get(changes.get(changes.size() - 1)).rev();
            List<Routed> routed = changes.stream()
                    .map(i -> new Routed(announcements.get(i).broadcast().routing(), Frame.text(frames.get(i))))
                    .toList();
            revisions.committed(conversation, batch.revsBefore().get(conversation), lastRev,
                    () -> rooms.deliver(routed));
        });
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

    private void received(List<String> texts) {
        received.addAndGet(texts.size());
        arrivals.deliver(texts);
    }

    /** Once an event is delivered here: the ack of a send of this instance that waited for it may leave. */
    private void deliveredHere(Notifications.Received event) {
        if (event.ackKey() != null && settings.instanceId().equals(event.origin())) {
            delivered(event.ackKey());
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
        revisions.forgetAll();
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
