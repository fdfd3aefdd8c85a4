package dev.enterprisechat.rooms;

import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Turns committed {@link Broadcast}s into frames: observed after a successful commit (immediately when fired outside
 * a transaction), encoded once, handed to the local {@link Rooms}.
 */
@ApplicationScoped
public class Broadcaster {

    @Inject
    Rooms rooms;

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) Broadcast broadcast) {
        deliver(broadcast);
    }

    /** Delivers now: for callers that already know the change is committed (the message writers). */
    public void deliver(Broadcast broadcast) {
        String frame = EnvelopeEncoder.frame(Envelope.event(broadcast.type(), broadcast.payload()));
        if (broadcast.room() != null) {
            rooms.sendToRoom(broadcast.room(), frame, broadcast.exceptUser(), broadcast.droppable());
        } else {
            rooms.sendToUsers(broadcast.users(), frame, broadcast.exceptConnection(), broadcast.droppable());
        }
    }
}
