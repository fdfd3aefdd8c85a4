package dev.enterprisechat.testsupport;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs tasks truly at once: one thread each, released together. (The common fork-join pool has one thread on a
 * two-core machine, which would quietly run "concurrent" senders one after the other.)
 */
public final class Concurrently {

    private Concurrently() {
    }

    public static <T> List<T> run(List<Supplier<T>> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<T>> running = tasks.stream().map(task -> CompletableFuture.supplyAsync(() -> {
                await(start);
                return task.get();
            }, threads)).toList();
            start.countDown();
            return running.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    @SafeVarargs
    public static <T> List<T> run(Supplier<T>... tasks) {
        return run(List.of(tasks));
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
