package dev.enterprisechat.presence.control;

import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.ConnectionClosed;
import dev.enterprisechat.rooms.ConnectionSignedIn;
import dev.enterprisechat.users.boundary.Users;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Counts each user's signed-in connections and turns the first and the last into presence events. */
@ApplicationScoped
public class Presence {

    public static final String PRESENCE = "presence";

    private final ConcurrentHashMap<String, Online> online = new ConcurrentHashMap<>();

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    Event<Broadcast> broadcasts;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "chat.presence.grace", defaultValue = "5s")
    Duration grace;

    /** Whether the user is online (a connection, or the grace after the last one). */
    public boolean isOnline(String user) {
        return online.containsKey(user);
    }

    void signedIn(@Observes ConnectionSignedIn event) {
        String user = event.connection().userId();
        boolean[] cameOnline = {false};
        online.compute(user, (id, state) -> {
            Online current = state;
            if (current == null) {
                current = new Online();
                cameOnline[0] = true;
            } else if (current.goingOffline != null) {
                current.goingOffline.cancel(false);
                current.goingOffline = null;
            }
            current.connections++;
            return current;
        });
        if (cameOnline[0]) {
            announce(user, "online", users.lastSeen(user));
        }
    }

    void closed(@Observes ConnectionClosed event) {
        String user = event.connection().userId();
        online.computeIfPresent(user, (id, state) -> {
            state.connections--;
            if (state.connections == 0) {
                state.goingOffline = scheduler.schedule(() -> goOffline(user, state), grace.toMillis(),
                        TimeUnit.MILLISECONDS);
            }
            return state;
        });
    }

    private void goOffline(String user, Online state) {
        boolean[] gone = {false};
        online.computeIfPresent(user, (id, current) -> {
            if (current == state && current.connections == 0) {
                gone[0] = true;
                return null;
            }
            return current;
        });
        if (gone[0]) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            users.markSeen(user, now);
            announce(user, "offline", now);
        }
    }

    private void announce(String user, String status, Instant lastSeenAt) {
        Set<String> audience = new HashSet<>(em.createNamedQuery(Membership.CO_MEMBERS, String.class)
                .setParameter("user", user).getResultList());
        if (!audience.isEmpty()) {
            broadcasts.fire(Broadcast.toUsers(PRESENCE, new PresenceEvent(user, status, lastSeenAt), audience, null)
                    .asDroppable());
        }
    }

    /** The payload of a {@code presence} event. */
    public record PresenceEvent(String userId, String status, Instant lastSeenAt) {
    }

    /** One online user: signed-in connections, and the pending move to offline once there are none. */
    private static final class Online {
        int connections;
        Future<?> goingOffline;
    }
}
