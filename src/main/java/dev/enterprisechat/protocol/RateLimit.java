package dev.enterprisechat.protocol;

/**
 * A token bucket: up to {@code burst} requests at once, refilled at {@code perSecond}. One per connection, so one
 * noisy client cannot take the server's threads from the others.
 */
public final class RateLimit {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimit(double perSecond, int burst) {
        this.perNano = perSecond / 1_000_000_000d;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** Takes one token if there is one. */
    public synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
