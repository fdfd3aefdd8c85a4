package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Rooms;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds connections that died without a close frame (a dropped network, a sleeping laptop): every interval each
 * open connection gets a WebSocket ping; one that let {@value #MISSED_PONGS} pings go unanswered is closed and
 * cleaned up at once, so presence and typing follow.
 */
@ApplicationScoped
public class Heartbeat {

    static final int MISSED_PONGS = 2;
    private static final Logger LOG = System.getLogger(Heartbeat.class.getName());

    @Inject
    Rooms rooms;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "chat.heartbeat.interval", defaultValue = "25s")
    Duration interval;

    private ScheduledFuture<?> beat;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        beat = scheduler.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (beat != null) {
            beat.cancel(false);
        }
    }

    void beat() {
        for (Connection connection : rooms.open()) {
            if (!connection.ping(MISSED_PONGS)) {
                LOG.log(Level.DEBUG, "Connection {0} missed {1} pongs: closing it", connection.id(), MISSED_PONGS);
                connection.abandon(CloseCodes.NO_PONG, "no pong: connection presumed dead");
            }
        }
    }
}
