package dev.enterprisechat.scheduling;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs work handed off from a thread that must not block (a writer thread finishing a batch) on a few threads of the
 * container's managed thread factory: a task may use CDI, JPA and transactions as a request does. A plain executor,
 * for the reason {@link Timers} gives.
 */
@ApplicationScoped
public class Workers implements Executor {

    private static final int THREADS = 4;

    @Resource
    ManagedThreadFactory threads;

    private ThreadPoolExecutor executor;

    @PostConstruct
    void start() {
        executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                ManagedThreads.named(threads, "chat-workers"));
        executor.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Runs the task soon; a fault it throws is logged. */
    @Override
    public void execute(Runnable task) {
        executor.execute(ManagedThreads.logged(task, "A worker task"));
    }
}
