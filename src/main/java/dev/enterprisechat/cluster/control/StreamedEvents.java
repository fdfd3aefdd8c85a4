package dev.enterprisechat.cluster.control;

import dev.enterprisechat.cluster.control.Notifications.Received;
import dev.enterprisechat.rooms.Frame;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.Routed;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one read of the stream brought, delivered to this instance's connections in the order received. Consecutive
 * changes of one conversation (a writer's batch, as a rule) are delivered together, as a writer delivers its own
 * batch: each connection's share of them in one write ({@link Rooms#deliver(List)}), under
 * {@link DeliveredRevisions}, which skips those this instance's writer delivered already and orders the rest against
 * its next batches.
 */
final class StreamedEvents {

    private static final Logger LOG = System.getLogger(StreamedEvents.class.getName());

    private final Rooms rooms;
    private final DeliveredRevisions revisions;
    private final Consumer<Received> afterDelivery;

    /** @param afterDelivery run for every event once it is delivered here (or skipped), in order */
    StreamedEvents(Rooms rooms, DeliveredRevisions revisions, Consumer<Received> afterDelivery) {
        this.rooms = rooms;
        this.revisions = revisions;
        this.afterDelivery = afterDelivery;
    }

    /** The notifications' texts, in the order received. One that cannot be read is skipped alone. */
    void deliver(List<String> texts) {
        List<Received> events = new ArrayList<>(texts.size());
        for (String text : texts) {
            try {
                events.add(Notifications.decode(text));
            } catch (RuntimeException unreadable) {
                // say, a NOTIFY on this channel by something else: a client that misses a message sees the gap, syncs
                LOG.log(Level.ERROR, "A cluster event could not be read and was skipped", unreadable);
            }
        }
        int from = 0;
        while (from < events.size()) {
            int to = from + 1;
            while (to < events.size() && sameConversation(events.get(from), events.get(to))) {
                to++;
            }
            deliverRun(events.subList(from, to));
            from = to;
        }
    }

    private static boolean sameConversation(Received first, Received next) {
        return first.rev() != null && next.rev() != null && first.conversationId() != null
                && first.conversationId().equals(next.conversationId());
    }

    /** One event, or a run of changes of one conversation. */
    private void deliverRun(List<Received> run) {
        try {
            Received first = run.get(0);
            if (first.conversationId() != null && first.rev() != null) {
                revisions.streamed(first.conversationId(), run.stream().map(Received::rev).toList(),
                        chosen -> rooms.deliver(chosen.stream().map(run::get)
                                .map(event -> new Routed(event.routing(), Frame.text(event.frame()))).toList()));
            } else {
                rooms.deliver(first.routing(), first.frame());
            }
        } catch (RuntimeException failed) {
            LOG.log(Level.ERROR, "A cluster event could not be delivered and was skipped", failed);
        } finally {
            run.forEach(afterDelivery);
        }
    }
}
