package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Frame;
import dev.enterprisechat.rooms.Rooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.List;
import java.util.Map;

/**
 * When the application stops (undeploy, SIGTERM): readiness turns DOWN and new handshakes get 503 (drain), and every
 * client is told before the container drops it: {@code connection_status {status: "closing"}}, then close code
 * 1001, which means "reconnect" (to another instance behind the same address).
 */
@ApplicationScoped
public class Shutdown {

    static final String REASON = "server shutting down";
    private static final Logger LOG = System.getLogger(Shutdown.class.getName());

    @Inject
    Rooms rooms;

    private volatile boolean draining;

    /** Whether the instance is shutting down: not ready, and refusing new connections. */
    public boolean isDraining() {
        return draining;
    }

    void stopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        draining = true;
        List<Connection> open = List.copyOf(rooms.open());
        LOG.log(Level.INFO, "Shutting down: closing {0} connections with 1001", open.size());
        Frame closing = Frame.text(EnvelopeEncoder.frame(Envelope.event(SignIn.CONNECTION_STATUS,
                Map.of("status", "closing", "reason", REASON))));
        for (Connection connection : open) {
            connection.send(closing, false);
            connection.close(CloseCodes.GOING_AWAY, REASON);
        }
    }
}
