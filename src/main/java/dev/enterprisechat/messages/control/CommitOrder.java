package dev.enterprisechat.messages.control;

import java.util.HashSet;
import java.util.Set;

/**
 * The order in which a shard's batches, written by several writer threads at once, are announced and answered: the
 * order in which they locked their conversations.
 * <p>
 * Why that is a conversation's commit order. A batch takes its place ({@link Place#locked}) once it holds the row
 * locks of its conversations, before it commits; it keeps them until it has committed. A later batch of one of those
 * conversations gets the lock only after that commit, so it takes a later place. Batches of different conversations
 * may commit in any order: waiting for the place of one that committed later delays an announcement, nothing more.
 * <p>
 * No batch waits for its place while it holds a lock (it has committed or rolled back), and every place before it
 * is held by a batch that holds all its locks already: each finishes without waiting for a later one.
 */
final class CommitOrder {

    /** Places handed out. */
    private long taken;
    /** Every place below this one is finished. */
    private long finished;
    /** Places at or after {@link #finished} that are finished already (a batch that rolled back gives its up). */
    private final Set<Long> finishedAhead = new HashSet<>();

    /**
     * A batch's place. {@code firstLocked} runs the first time it locked its rows (the writer then lets the next
     * batch be gathered).
     */
    Place place(Runnable firstLocked) {
        return new Place(firstLocked);
    }

    private synchronized long take() {
        return taken++;
    }

    /**
     * Waits until every place before {@code place} is finished. Interrupted (the server stops) it returns at once:
     * connections are closing, and a writer must not hang on a batch the database holds up.
     */
    private synchronized void await(long place) {
        while (finished < place) {
            try {
                wait();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private synchronized void finishPlace(long place) {
        if (place != finished) {
            finishedAhead.add(place);
            return;
        }
        finished++;
        while (finishedAhead.remove(finished)) {
            finished++;
        }
        notifyAll();
    }

    /** One batch's place, taken again by each attempt to store it that locks its rows. */
    final class Place {

        private final Runnable firstLocked;
        private boolean locked;
        private long place = -1;

        private Place(Runnable firstLocked) {
            this.firstLocked = firstLocked;
        }

        /** The batch holds its rows' locks and has not committed: its place is next (an earlier attempt's given up). */
        void locked() {
            if (!locked) {
                locked = true;
                firstLocked.run();
            }
            if (place >= 0) {
                finishPlace(place);
            }
            place = take();
        }

        /** Waits for the batches placed before this one to be announced (once this one has committed). */
        void awaitTurn() {
            if (place < 0) {
                // a store that never locked anything is not ordered with anything
                place = take();
            }
            await(place);
        }

        /** A place for a part of the batch stored on its own after the batch failed (taken when it locks). */
        Place next() {
            return new Place(() -> { });
        }

        /** Lets the next batch be announced: this one is announced and answered, or failed. */
        void finish() {
            if (place >= 0) {
                finishPlace(place);
                place = -1;
            }
        }
    }
}
