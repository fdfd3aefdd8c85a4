package dev.enterprisechat.messages.control;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Times out the results that wait for a writer, all with the same timeout, by sweeping them in their order instead
 * of one timer each. ({@code CompletableFuture.orTimeout} schedules a task per request on a shared scheduler, and
 * with no other request waiting, that task is the scheduler's next: every request woke its thread, and cancelling the
 * task at completion woke it again. On one sender's path that was a twentieth of the server's CPU.)
 * <p>
 * Entries are kept in the order they were tracked, which is their deadlines' order; a sweep drops the completed ones
 * from the front and fails the expired ones with {@link TimeoutException}, and stops at the first that is neither.
 * A result is thus failed between its deadline and the next sweep after it. Completed results behind one still
 * waiting stay queued until it completes or expires: at most one timeout's worth of requests.
 */
public final class Deadlines {

    private record Entry(CompletableFuture<?> result, long deadline) {
    }

    private final long timeoutNanos;
    private final LongSupplier clock;
    private final Queue<Entry> waiting = new ConcurrentLinkedQueue<>();

    /** @param clock nanoseconds, as {@link System#nanoTime()} */
    public Deadlines(Duration timeout, LongSupplier clock) {
        this.timeoutNanos = timeout.toNanos();
        this.clock = clock;
    }

    /** Fails {@code result} with {@link TimeoutException} at a sweep once the timeout passed, unless it completed. */
    public <T> CompletableFuture<T> track(CompletableFuture<T> result) {
        waiting.add(new Entry(result, clock.getAsLong() + timeoutNanos));
        return result;
    }

    /** Drops the completed results at the front, and fails the expired ones; returns how many it failed. */
    public int sweep() {
        long now = clock.getAsLong();
        int expired = 0;
        for (Entry head = waiting.peek(); head != null; head = waiting.peek()) {
            if (!head.result.isDone() && now - head.deadline < 0) {
                break;
            }
            waiting.poll();
            if (head.result.completeExceptionally(new TimeoutException())) {
                expired++;
            }
        }
        return expired;
    }

    /** Results still queued (waiting, or completed behind one that waits). */
    public int queued() {
        return waiting.size();
    }
}
