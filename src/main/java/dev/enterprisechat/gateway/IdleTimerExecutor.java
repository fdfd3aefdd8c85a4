package dev.enterprisechat.gateway;

import jakarta.websocket.Session;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Works around a cost of Tyrus on Payara that dominated the server's CPU under load.
 * <p>
 * Tyrus re-arms a session's idle timer for every frame received and sent by scheduling a task on the container's
 * managed scheduled executor, even when no idle timeout is set (the task then does nothing). On Payara, scheduling
 * on a managed executor captures thread context, which runs a {@link java.util.ServiceLoader} lookup over every
 * jar the context class loader sees: measured at about a quarter of all server CPU at a few hundred messages per
 * second (see docs/benchmarks.md). The chat does not use Tyrus' idle timeout (its own heartbeat finds dead
 * connections), so each session's timer runs on one small plain executor instead.
 * <p>
 * The field is Tyrus-internal. If a future Tyrus renames it, sessions keep the container's executor: correct, only
 * slower, and said once in the log.
 */
final class IdleTimerExecutor {

    private static final Logger LOG = System.getLogger(IdleTimerExecutor.class.getName());
    private static final Field SERVICE = serviceField();
    private static final ScheduledExecutorService TIMERS = timers();

    private IdleTimerExecutor() {
    }

    static void apply(Session session) {
        if (SERVICE == null || !SERVICE.getDeclaringClass().isInstance(session)) {
            return;
        }
        try {
            SERVICE.set(session, TIMERS);
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "Could not move the idle timer of session {0}: {1}", session.getId(), e);
        }
    }

    private static Field serviceField() {
        try {
            Field field = Class.forName("org.glassfish.tyrus.core.TyrusSession").getDeclaredField("service");
            if (!ScheduledExecutorService.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("service is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.INFO, "Tyrus idle timers stay on the container executor (slower): {0}", e.toString());
            return null;
        }
    }

    /** One daemon thread; tasks are no-ops that are cancelled when re-armed, so cancelled ones are removed. */
    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "chat-idle-timers");
            thread.setDaemon(true);
            // no application class loader on a thread that outlives the application
            thread.setContextClassLoader(null);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}
