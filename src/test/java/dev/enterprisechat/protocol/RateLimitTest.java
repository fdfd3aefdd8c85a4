package dev.enterprisechat.protocol;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {

    /** Refills one token in about 30 years: nothing comes back while a test runs. */
    private static final double ALMOST_NEVER = 1e-9;

    private static List<Boolean> attempts(RateLimit limit, int count) {
        List<Boolean> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(limit.tryAcquire());
        }
        return results;
    }

    @Test
    void allowsTheWholeBurstAtOnce() {
        RateLimit limit = new RateLimit(ALMOST_NEVER, 5);

        assertThat(attempts(limit, 5)).containsOnly(true);
    }

    @Test
    void refusesOnceTheBurstIsSpent() {
        RateLimit limit = new RateLimit(ALMOST_NEVER, 3);

        assertThat(attempts(limit, 6)).containsExactly(true, true, true, false, false, false);
    }

    @Test
    void burstOfOneAllowsOneRequest() {
        RateLimit limit = new RateLimit(ALMOST_NEVER, 1);

        assertThat(limit.tryAcquire()).isTrue();
        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void burstOfZeroRefusesEverything() {
        RateLimit limit = new RateLimit(ALMOST_NEVER, 0);

        assertThat(limit.tryAcquire()).isFalse();
    }

    @Test
    void limitsAreIndependentPerConnection() {
        RateLimit spent = new RateLimit(ALMOST_NEVER, 1);
        RateLimit fresh = new RateLimit(ALMOST_NEVER, 1);
        spent.tryAcquire();

        assertThat(spent.tryAcquire()).isFalse();
        assertThat(fresh.tryAcquire()).isTrue();
    }

    @Test
    void concurrentCallersNeverGetMoreThanTheBurst() throws InterruptedException {
        RateLimit limit = new RateLimit(ALMOST_NEVER, 100);
        AtomicInteger granted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    if (limit.tryAcquire()) {
                        granted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }

        assertThat(granted).hasValue(100);
    }

    @Test
    void refusalsUpToTheBoundAreNotIgnoringThem() {
        RateLimit limit = new RateLimit(1e-9, 2, 2);
        for (int i = 0; i < 2 + 2; i++) {
            limit.tryAcquire();
        }

        assertThat(limit.ignoredRefusals()).isFalse();
    }

    @Test
    void moreRefusalsThanTheBoundAreIgnoringThem() {
        RateLimit limit = new RateLimit(1e-9, 2, 2);
        for (int i = 0; i < 2 + 3; i++) {
            limit.tryAcquire();
        }

        assertThat(limit.ignoredRefusals()).isTrue();
    }

    @Test
    void thePenaltyDrainsAtTheRefillRate() {
        AtomicLong now = new AtomicLong();
        RateLimit limit = new RateLimit(1000, 2, 2, now::get);
        for (int i = 0; i < 2 + 3; i++) {
            limit.tryAcquire();
        }
        now.addAndGet(50_000_000);
        limit.tryAcquire();

        assertThat(limit.ignoredRefusals()).isFalse();
    }

    @Test
    void roomForTenBurstsOfRefusalsByDefault() {
        RateLimit limit = new RateLimit(1e-9, 2);
        for (int i = 0; i < 2 + 20; i++) {
            limit.tryAcquire();
        }
        assertThat(limit.ignoredRefusals()).isFalse();

        limit.tryAcquire();
        assertThat(limit.ignoredRefusals()).isTrue();
    }
}
