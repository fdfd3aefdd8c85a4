package dev.enterprisechat.protocol;

import java.util.function.LongSupplier;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. One per connection, so one
 * noisy client cannot take the server's threads from the others.
 * <p>
 * Refused requests build up a penalty that drains at the same rate: a client that goes over its budget now and then,
 * or pipelines a long batch of requests before it could read the first refusal, stays under {@code maxRefused}; one
 * that keeps sending while refused passes it within moments and is known to ignore the refusals.
 */
public final class RateLimit {

    private final double perNano;
    private final int burst;
    private final int maxRefused;
    private final LongSupplier clock;
    private double tokens;
    private double penalty;
    private long last;

    /** With room for ten bursts of refusals. */
    public RateLimit(double perSecond, int burst) {
        this(perSecond, burst, 10 * burst);
    }

    public RateLimit(double perSecond, int burst, int maxRefused) {
        this(perSecond, burst, maxRefused, System::nanoTime);
    }

    /** With a clock of nanoseconds (tests). */
    RateLimit(double perSecond, int burst, int maxRefused, LongSupplier clock) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.maxRefused = maxRefused;
        this.clock = clock;
        this.tokens = burst;
        this.last = clock.getAsLong();
    }

    /** Takes one token if there is one; a refusal adds one to the penalty. */
    public synchronized boolean tryAcquire() {
        long now = clock.getAsLong();
        double refill = (now - last) * perNano;
        last = now;
        tokens = Math.min(burst, tokens + refill);
        penalty = Math.max(0, penalty - refill);
        if (tokens < 1) {
            penalty++;
            return false;
        }
        tokens--;
        return true;
    }

    /** Whether the client went on sending while refused: more than {@code maxRefused} refusals not yet drained. */
    public synchronized boolean ignoredRefusals() {
        return penalty > maxRefused;
    }
}
