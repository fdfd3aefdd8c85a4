package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.ConnectionClosed;
import dev.enterprisechat.rooms.ConnectionLimits;
import dev.enterprisechat.rooms.ConnectionSignedIn;
import dev.enterprisechat.rooms.Deadline;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.security.Identity;
import dev.enterprisechat.users.boundary.Users;
import dev.enterprisechat.users.control.RecentSignIns;
import dev.enterprisechat.scheduling.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The life of a connection's identity: waiting for a token, signing in, refreshing the token, signing out. Each
 * connection has one deadline at a time: the end of the sign-in window, then the expiry of its token.
 */
@ApplicationScoped
public class SignIn {

    public static final String CONNECTION_STATUS = "connection_status";

    @Inject
    Users users;

    @Inject
    RecentSignIns recentSignIns;

    @Inject
    Rooms rooms;

    @Inject
    Event<ConnectionSignedIn> signedIn;

    @Inject
    Event<ConnectionClosed> closed;

    @Inject
    Timers timers;

    @Inject
    ConnectionLimits limits;

    @Inject
    @ConfigProperty(name = "chat.auth.timeout", defaultValue = "10s")
    Duration authTimeout;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.clock.skew", defaultValue = "60")
    int clockSkewSeconds;

    /** An anonymous connection: told so, and closed with 4401 unless it signs in within the timeout. */
    public void awaitToken(Connection connection) {
        connection.send(status(Map.of("status", "unauthenticated")));
        closeAt(connection, Deadline.closing(connection, CloseCodes.UNAUTHENTICATED, "sign-in timeout"), authTimeout);
    }

    /**
     * Signs the connection in as {@code identity}, which a verified token proved.
     *
     * @throws ChatException RATE_LIMITED when the user has as many connections as the quota allows already; the
     *                       connection is left as it was
     */
    public void signIn(Connection connection, Identity identity) {
        record(identity);
        if (!rooms.register(connection, identity, limits.perUser())) {
            throw new ChatException(ErrorCode.RATE_LIMITED, limits.tooManyConnections());
        }
        signedIn.fire(new ConnectionSignedIn(connection));
        closeAtExpiry(connection, identity);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "authenticated");
        status.put("userId", identity.userId());
        status.put("connectionId", connection.id());
        connection.send(status(status));
    }

    /** Replaces the token of a signed-in connection with a fresh one for the same user. */
    public void refresh(Connection connection, Identity fresh) {
        if (!connection.userId().equals(fresh.userId())) {
            throw ChatException.forbidden("the token is for another user; open a new connection to switch users");
        }
        record(fresh);
        connection.identify(fresh);
        closeAtExpiry(connection, fresh);
    }

    /** Cleans up after a connection that closed, or was closed; runs once however often it is called. */
    public void signOut(Connection connection) {
        if (!connection.end()) {
            return;
        }
        connection.replaceDeadline(null);
        rooms.unregister(connection);
        if (connection.identity() != null) {
            closed.fire(new ConnectionClosed(connection));
        }
    }

    /** The user's row, created or renamed; skipped when this instance wrote the same name recently. */
    private void record(Identity identity) {
        if (!recentSignIns.isCurrent(identity)) {
            users.upsert(identity);
            recentSignIns.wrote(identity);
        }
    }

    private void closeAtExpiry(Connection connection, Identity identity) {
        Instant closeAt = identity.expiresAt().plusSeconds(clockSkewSeconds);
        long delay = Math.max(0, Duration.between(Instant.now(), closeAt).toMillis());
        closeAt(connection, Deadline.closing(connection, CloseCodes.UNAUTHENTICATED, "token expired"),
                Duration.ofMillis(delay));
    }

    private void closeAt(Connection connection, Deadline deadline, Duration delay) {
        connection.replaceDeadline(deadline);
        deadline.scheduledAs(timers.schedule(deadline, delay));
    }

    private static String status(Map<String, Object> payload) {
        return EnvelopeEncoder.frame(Envelope.event(CONNECTION_STATUS, payload));
    }
}
