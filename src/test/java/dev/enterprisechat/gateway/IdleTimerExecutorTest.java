package dev.enterprisechat.gateway;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import org.glassfish.tyrus.core.BaseContainer;
import org.glassfish.tyrus.core.TyrusSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IdleTimerExecutorTest {

    private final IdleTimerExecutor.IdleTimers timers = new IdleTimerExecutor.IdleTimers(Thread::new);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void theIdleTimerOfASessionWithoutTimeoutIsNotRun() throws Exception {
        ScheduledFuture<?> armed = timers.schedule(tyrusIdleTimeoutTask(), 0, TimeUnit.MILLISECONDS);

        assertThat(armed.isDone()).isTrue();
        assertThat(armed.cancel(false)).isFalse();
        assertThat(timers.getQueue()).isEmpty();
        assertThat(timers.getTaskCount()).isZero();
    }

    @Test
    void theIdleTimerOfASessionWithATimeoutIsScheduled() throws Exception {
        ScheduledFuture<?> armed = timers.schedule(tyrusIdleTimeoutTask(), 60_000, TimeUnit.MILLISECONDS);

        assertThat(armed.isDone()).isFalse();
        assertThat(armed.getDelay(TimeUnit.SECONDS)).isBetween(50L, 60L);
        assertThat(armed.cancel(false)).isTrue();
        // cancelled timers leave the queue at once: re-armed for every frame, they would pile up
        assertThat(timers.getQueue()).isEmpty();
    }

    @Test
    void anythingElseRunsAsScheduled() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);

        timers.schedule(ran::countDown, 0, TimeUnit.MILLISECONDS);

        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Tyrus' own idle timeout task (never run here: its session is null). */
    private static Runnable tyrusIdleTimeoutTask() throws ReflectiveOperationException {
        Constructor<?> task = Class.forName(IdleTimerExecutor.IdleTimers.IDLE_TIMEOUT_TASK)
                .getDeclaredConstructor(TyrusSession.class);
        task.setAccessible(true);
        return (Runnable) task.newInstance((Object) null);
    }

    @Test
    void theContainerGivesItsNewSessionsThePlainExecutor() {
        BaseContainer container = new Container();

        IdleTimerExecutor.useForNewSessions(container);
        IdleTimerExecutor.useForNewSessions(container);

        // what a TyrusSession's constructor takes, and arms its idle timer on
        assertThat(container.getScheduledExecutorService()).isSameAs(IdleTimerExecutor.timers());
    }

    /** Tyrus' base container as the server's is, without a managed executor (none outside the server). */
    private static final class Container extends BaseContainer {

        @Override
        public long getDefaultAsyncSendTimeout() {
            return 0;
        }

        @Override
        public void setAsyncSendTimeout(long timeout) {
        }

        @Override
        public Session connectToServer(Object endpoint, URI path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Session connectToServer(Class<?> endpoint, URI path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Session connectToServer(Endpoint endpoint, ClientEndpointConfig config, URI path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Session connectToServer(Class<? extends Endpoint> endpoint, ClientEndpointConfig config, URI path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long getDefaultMaxSessionIdleTimeout() {
            return 0;
        }

        @Override
        public void setDefaultMaxSessionIdleTimeout(long timeout) {
        }

        @Override
        public int getDefaultMaxBinaryMessageBufferSize() {
            return 0;
        }

        @Override
        public void setDefaultMaxBinaryMessageBufferSize(int max) {
        }

        @Override
        public int getDefaultMaxTextMessageBufferSize() {
            return 0;
        }

        @Override
        public void setDefaultMaxTextMessageBufferSize(int max) {
        }

        @Override
        public Set<Extension> getInstalledExtensions() {
            return Set.of();
        }
    }
}
