package dev.enterprisechat.rooms;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.cluster.control.EventLog;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns committed {@link Broadcast}s into frames for the connections that should see them.
 * <ul>
 * <li>One instance ({@code chat.cluster=none}): observed after a successful commit (immediately when fired outside a
 * transaction), encoded once, handed to the local {@link Rooms}.</li>
 * <li>Cluster ({@code chat.cluster=postgres}): published to the {@link EventLog} inside the transaction, just before
 * it commits (so the event exists if and only if the change does); every instance, this one included, delivers it
 * from there.</li>
 * </ul>
 */
@ApplicationScoped
public class Broadcaster {

    @Inject
    Rooms rooms;

    @Inject
    ClusterSettings cluster;

    @Inject
    EventLog eventLog;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Broadcast broadcast) {
        if (!cluster.enabled()) {
            deliver(broadcast);
        }
    }

    void beforeCommit(@Observes(during = TransactionPhase.BEFORE_COMPLETION) Broadcast broadcast) {
        if (cluster.enabled()) {
            eventLog.publish(broadcast);
        }
    }

    /** Delivers to this instance's connections now: for callers that know the change is committed. */
    public void deliver(Broadcast broadcast) {
        String frame = EnvelopeEncoder.frame(Envelope.event(broadcast.type(), broadcast.payload()));
        if (broadcast.room() != null) {
            rooms.sendToRoom(broadcast.room(), frame, broadcast.exceptUser(), broadcast.droppable());
        } else {
            rooms.sendToUsers(broadcast.users(), frame, broadcast.exceptConnection(), broadcast.droppable());
        }
        if (broadcast.eviction() != null) {
            rooms.evict(broadcast.eviction());
        }
    }
}
