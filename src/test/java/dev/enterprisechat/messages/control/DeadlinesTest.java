package dev.enterprisechat.messages.control;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlinesTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Deadlines deadlines = new Deadlines(Duration.ofNanos(100), now::get);

    @Test
    void aResultStillWaitingAtItsDeadlineFailsWithATimeout() {
        CompletableFuture<String> result = deadlines.track(new CompletableFuture<>());

        now.set(1_099);
        assertThat(deadlines.sweep()).isZero();
        assertThat(result).isNotDone();

        now.set(1_100);
        assertThat(deadlines.sweep()).isEqualTo(1);
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
                .withCauseInstanceOf(TimeoutException.class);
        assertThat(deadlines.queued()).isZero();
    }

    @Test
    void aResultCompletedInTimeKeepsItsValueAndLeavesTheQueueAtTheNextSweep() {
        CompletableFuture<String> result = deadlines.track(new CompletableFuture<>());
        result.complete("stored");

        assertThat(deadlines.sweep()).isZero();
        assertThat(deadlines.queued()).isZero();
        now.set(2_000);
        assertThat(deadlines.sweep()).isZero();
        assertThat(result).isCompletedWithValue("stored");
    }

    @Test
    void aSweepStopsAtTheFirstResultStillInTimeAndFailsOnlyTheExpiredBeforeIt() {
        CompletableFuture<String> first = deadlines.track(new CompletableFuture<>());
        now.set(1_050);
        CompletableFuture<String> completed = deadlines.track(new CompletableFuture<>());
        completed.complete("stored");
        CompletableFuture<String> second = deadlines.track(new CompletableFuture<>());

        now.set(1_120);
        assertThat(deadlines.sweep()).isEqualTo(1);
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isNotDone();
        assertThat(completed).isCompletedWithValue("stored");
        assertThat(deadlines.queued()).isEqualTo(1);

        now.set(1_150);
        assertThat(deadlines.sweep()).isEqualTo(1);
        assertThat(second).isCompletedExceptionally();
        assertThat(deadlines.queued()).isZero();
    }

    @Test
    void aResultFailedOtherwiseBeforeItsDeadlineIsNotCountedAsExpired() {
        CompletableFuture<String> refused = deadlines.track(new CompletableFuture<>());
        refused.completeExceptionally(new IllegalStateException("refused"));

        now.set(5_000);
        assertThat(deadlines.sweep()).isZero();
        assertThat(refused).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
                .withCauseInstanceOf(IllegalStateException.class);
    }
}
