package dev.enterprisechat.rooms;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * How committed events reach connections: on this instance only ({@link LocalRelay}), or across the instances of a
 * cluster (the cluster component's). One is chosen at start by the {@link Broadcaster}; business code never asks
 * which. Whatever the relay, a change's events are delivered only if it committed, and a conversation's events in
 * the order its changes committed.
 */
public interface Relay {

    /** Whether this relay serves this deployment. */
    boolean active();

    /** In the transaction of a change, just before it commits. */
    void beforeCommit(Broadcast broadcast);

    /** Once the change committed (at once when fired outside a transaction). */
    void afterCommit(Broadcast broadcast);

    /**
     * Stages the announcements of a writer's batch in its own JDBC transaction ({@code db}, not yet committed).
     *
     * @param commit whether the relay's last statement, if it writes one, may carry the transaction's commit (on
     *               PostgreSQL, in the same round trip; the caller writes nothing after the stage); whether it did
     *               is {@link Staged#committed()}
     * @return what to do once the transaction committed
     */
    Staged stage(java.sql.Connection db, Announcements announcements, boolean commit) throws SQLException;

    /**
     * Whether {@link #stage} writes in the writer's transaction: when it does not, the writer's own last write can
     * carry the commit.
     */
    boolean stagesInTransaction();

    /** Whether this instance receives every event now: connections accepted before that could miss some. */
    boolean receiving();

    /**
     * A writer's batch of announcements, in the order its changes were made, each the change of one conversation at
     * one revision, with each conversation's revision before the batch (read under its row lock, so no other change
     * of the conversation commits between that revision and the batch's). With them a relay can tell that every
     * change before the batch's has been delivered, and deliver the batch's without waiting for anything else.
     *
     * @param revsBefore per conversation of the batch, its revision before the batch
     */
    record Announcements(List<Announcement> announcements, Map<Long, Long> revsBefore) {

        public Announcements {
            announcements = List.copyOf(announcements);
            revsBefore = Map.copyOf(revsBefore);
        }

        public boolean isEmpty() {
            return announcements.isEmpty();
        }
    }

    /** The event of one change: of {@code conversationId}, which it took to revision {@code rev}. */
    record Announcement(Broadcast broadcast, long conversationId, long rev) {
    }

    /** A writer's staged announcements. */
    interface Staged {

        /**
         * Delivers them, if the relay has not already, and runs {@code delivered} once this instance has delivered
         * them: a sender's ack never overtakes the events before it.
         */
        void afterCommit(Runnable delivered);

        /** Whether staging committed the transaction already (see {@link #stage}'s {@code commit}). */
        default boolean committed() {
            return false;
        }
    }
}
