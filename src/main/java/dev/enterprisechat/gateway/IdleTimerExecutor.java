package dev.enterprisechat.gateway;

import jakarta.websocket.Session;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Works around a cost of Tyrus on Payara that dominated the server's CPU under load.
 * <p>
 * Tyrus re-arms a session's idle timer for every frame received and sent by scheduling a task on the container's
 * managed scheduled executor, even when no idle timeout is set (the task then does nothing). On Payara, scheduling
 * on a managed executor captures thread context, which runs a {@link java.util.ServiceLoader} lookup over every
 * jar the context class loader sees: measured at about a quarter of all server CPU at a few hundred messages per
 * second (see docs/benchmarks.md). The chat does not use Tyrus' idle timeout (its own heartbeat finds dead
 * connections), so each session's timer runs on one small plain executor instead; and since the re-armed task of a
 * session without an idle timeout is scheduled with no delay and does nothing (it closes the session only when a
 * timeout is set), it is not run at all: scheduling it woke the executor's thread for every frame received, about 7 %
 * of the server's CPU under a steady load of sends (docs/benchmarks.md).
 * <p>
 * A session takes its executor from its container when it is created, and its constructor arms the idle timer on
 * it at once: on the container's managed executor, that was one context capture (the {@code ServiceLoader} scan) per
 * handshake, before the endpoint sees the session. So the container's executor is replaced too, at the first
 * session: every later session starts on the plain one.
 * <p>
 * The fields are Tyrus-internal. If a future Tyrus renames them, sessions keep the container's executor: correct,
 * only slower, and said once in the log.
 */
final class IdleTimerExecutor {

    private static final Logger LOG = System.getLogger(IdleTimerExecutor.class.getName());
    private static final Field SERVICE = executorField("org.glassfish.tyrus.core.TyrusSession", "service");
    /** The container's managed executor, which it gives every session it creates. */
    private static final Field CONTAINER_SERVICE = executorField("org.glassfish.tyrus.core.BaseContainer",
            "managedScheduledExecutorService");
    private static final ScheduledExecutorService TIMERS = newTimers();

    private IdleTimerExecutor() {
    }

    static void apply(Session session) {
        useForNewSessions(session.getContainer());
        if (SERVICE == null || !SERVICE.getDeclaringClass().isInstance(session)) {
            return;
        }
        try {
            SERVICE.set(session, TIMERS);
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not move the idle timer of session {0}: {1}", session.getId(), e);
        }
    }

    /** Gives the container's sessions the plain executor from their creation on (once; later calls find it so). */
    static void useForNewSessions(Object container) {
        if (CONTAINER_SERVICE == null || !CONTAINER_SERVICE.getDeclaringClass().isInstance(container)) {
            return;
        }
        try {
            if (CONTAINER_SERVICE.get(container) != TIMERS) {
                CONTAINER_SERVICE.set(container, TIMERS);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not move the container''s session timers: {0}", e);
        }
    }

    static ScheduledExecutorService timers() {
        return TIMERS;
    }

    private static Field executorField(String className, String name) {
        try {
            Field field = Class.forName(className).getDeclaredField(name);
            if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException(name + " is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus idle timers stay on the container executor (slower): {0}", e.toString());
            return null;
        }
    }

    /** One daemon thread. */
    private static ScheduledExecutorService newTimers() {
        return new IdleTimers(task -> {
            Thread thread = new Thread(task, "chat-idle-timers");
            thread.setDaemon(true);
            // no application class loader on a thread that outlives the application
            thread.setContextClassLoader(null);
            return thread;
        });
    }

    /**
     * Runs the idle timers of sessions with a timeout; the timer of a session without one is not run. Tyrus arms it
     * with the session's timeout as delay, so no delay means no timeout, and its task would find none and return. (A
     * timeout set later re-arms the timer, with a delay.) Anything else Tyrus schedules here runs as scheduled.
     */
    static final class IdleTimers extends ScheduledThreadPoolExecutor {

        static final String IDLE_TIMEOUT_TASK = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

        IdleTimers(ThreadFactory threads) {
            super(1, threads, new ThreadPoolExecutor.DiscardPolicy());
            // a timer is cancelled and armed again for every frame: cancelled ones must not wait in the queue
            setRemoveOnCancelPolicy(true);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            if (delay <= 0 && IDLE_TIMEOUT_TASK.equals(task.getClass().getName())) {
                return NotRun.INSTANCE;
            }
            return super.schedule(task, delay, unit);
        }
    }

    /** The future of a timer that is not run: done, with nothing to cancel. */
    static final class NotRun implements ScheduledFuture<Object> {

        static final NotRun INSTANCE = new NotRun();

        private NotRun() {
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
