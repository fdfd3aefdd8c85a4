package dev.enterprisechat.scheduling;

import jakarta.enterprise.concurrent.ManagedThreadFactory;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@link Timers} and {@link Workers} share: named managed threads, and tasks whose faults are logged. */
final class ManagedThreads {

    private static final Logger LOG = System.getLogger(ManagedThreads.class.getName());

    private ManagedThreads() {
    }

    /** Threads of the container's factory (they carry the application's context), named {@code prefix-N}. */
    static ThreadFactory named(ManagedThreadFactory threads, String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = threads.newThread(task);
            thread.setName(prefix + "-" + count.getAndIncrement());
            return thread;
        };
    }

    /** The task, with a fault it throws logged rather than lost in a future. */
    static Runnable logged(Runnable task, String what) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException fault) {
                LOG.log(Level.ERROR, what + " failed", fault);
            }
        };
    }
}
