package dev.enterprisechat.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks after a delay, on two threads of the container's managed thread factory (so a task may use CDI, JPA and
 * transactions as a request does).
 * <p>
 * Not the container's managed scheduled executor: on Payara, every task scheduled there captures the caller's
 * context, which scans the class loader's resources: measured at a fifth of the CPU of a handshake, for the sign-in
 * deadline alone (see docs/benchmarks.md). Cancelled tasks leave the queue at once, so a cancelled deadline does not
 * keep its connection reachable until it would have fired.
 */
@ApplicationScoped
public class Timers {

    private static final int THREADS = 2;

    @Resource
    ManagedThreadFactory threads;

    private ScheduledThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ScheduledThreadPoolExecutor(THREADS, ManagedThreads.named(threads, "chat-timers"));
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Runs the task once after the delay; a fault it throws is logged, not lost in its future. */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(ManagedThreads.logged(task, "A timer task"), Math.max(0, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }
}
