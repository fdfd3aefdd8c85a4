package dev.enterprisechat.cluster.control;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Per conversation, the revision of the last writer's change this instance delivered to its connections: what lets a
 * batch written here be delivered by its own writer as soon as it committed, rather than when its notification comes
 * back through PostgreSQL (a millisecond on loopback, a network round trip more where the database is elsewhere),
 * never twice and never out of order.
 * <p>
 * Why it is safe. The writer read each conversation's revision under the conversation's row lock, so no change of it
 * commits between that revision and the batch's. When this instance has delivered the conversation's changes up to
 * exactly that revision, every change committed before the batch's has been delivered here, and the batch's are the
 * next ones: the writer delivers them, and their notifications, when they come through the stream, are skipped (their
 * revisions are not above the delivered one). Otherwise (another instance's change still on its way, or a conversation
 * not seen since this instance started) the batch is delivered from the stream, in commit order, as every other
 * event. Whichever delivers a change first marks it delivered, under the conversation's entry, so the other skips it.
 */
final class DeliveredRevisions {

    private static final Logger LOG = System.getLogger(DeliveredRevisions.class.getName());

    /**
     * @param delivered the revision delivered here last
     * @param streamed  the highest revision the stream has brought (delivered or skipped): when it is not below
     *                  {@code delivered}, nothing delivered by a writer is still to come through the stream
     */
    private record Delivered(long delivered, long streamed) {
    }

    private final int capacity;
    private final ConcurrentHashMap<Long, Delivered> conversations = new ConcurrentHashMap<>();

    /** @param capacity the conversations remembered, beyond which those the stream has caught up with are forgotten */
    DeliveredRevisions(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Whether every conversation has been delivered here up to exactly the revision its batch found under the lock
     * (asked before the batch commits: it cannot change before then, as only the batch's own changes come next).
     */
    boolean next(Map<Long, Long> revsBefore) {
        for (Map.Entry<Long, Long> conversation : revsBefore.entrySet()) {
            Delivered known = conversations.get(conversation.getKey());
            if (known == null || known.delivered() != conversation.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * After a batch that was {@link #next} committed: delivers its changes of one conversation, up to
     * {@code lastRev}, unless the stream has delivered them already (its notifications can overtake the writer).
     */
    void committed(long conversationId, long revBefore, long lastRev, Runnable deliver) {
        conversations.computeIfPresent(conversationId, (id, known) -> {
            if (known.delivered() != revBefore) {
                return known;
            }
            run(deliver);
            return new Delivered(lastRev, known.streamed());
        });
    }

    /**
     * Writers' changes of one conversation that came through the stream one after the other: delivers, in one call
     * and in their order, those not delivered here already ({@code deliver} gets their indexes). Each is taken as if
     * it came alone: a change at or below the revision delivered so far is skipped.
     */
    void streamed(long conversationId, List<Long> revs, Consumer<List<Integer>> deliver) {
        conversations.compute(conversationId, (id, known) -> {
            Delivered state = known;
            List<Integer> chosen = new ArrayList<>(revs.size());
            for (int i = 0; i < revs.size(); i++) {
                long rev = revs.get(i);
                if (state != null && rev <= state.delivered()) {
                    state = new Delivered(state.delivered(), Math.max(state.streamed(), rev));
                } else {
                    chosen.add(i);
                    state = new Delivered(rev, rev);
                }
            }
            if (!chosen.isEmpty()) {
                run(() -> deliver.accept(chosen));
            }
            return state;
        });
        if (conversations.size() > capacity) {
            // forgetting one whose writer's deliveries are still on their way would deliver them twice
            conversations.values().removeIf(known -> known.streamed() >= known.delivered());
        }
    }

    /** After a gap in the stream: what was delivered is no longer known (every connection resyncs). */
    void forgetAll() {
        conversations.clear();
    }

    int size() {
        return conversations.size();
    }

    /** A delivery that fails is counted as made: recipients that missed it catch up with sync, none gets it twice. */
    private static void run(Runnable deliver) {
        try {
            deliver.run();
        } catch (RuntimeException fault) {
            LOG.log(Level.ERROR, "A change could not be delivered; its recipients catch up with sync", fault);
        }
    }
}
