package dev.enterprisechat.presence.control;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.cluster.control.InstanceEvents;
import dev.enterprisechat.conversations.control.PresenceView;
import dev.enterprisechat.rooms.ConnectionClosed;
import dev.enterprisechat.rooms.ConnectionSignedIn;
import dev.enterprisechat.users.boundary.Blocks;
import dev.enterprisechat.scheduling.Timers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * Counts each user's signed-in connections on this instance and turns the first and the last (after a grace) into
 * arrivals and departures; {@link PresenceChanges} decides, cluster-wide in cluster mode, whether they are news.
 */
@ApplicationScoped
public class Presence implements PresenceView {

    private static final Logger LOG = System.getLogger(Presence.class.getName());

    private final ConcurrentHashMap<String, Online> online = new ConcurrentHashMap<>();

    @Inject
    PresenceChanges changes;

    @Inject
    ClusterSettings cluster;

    @Inject
    Timers timers;

    @Inject
    @ConfigProperty(name = "chat.presence.grace", defaultValue = "5s")
    Duration grace;

    /** For CDI. */
    public Presence() {
    }

    /** Outside the container (tests): only {@link #onlineAmong} and {@link #visibleTo} are usable. */
    public Presence(ClusterSettings cluster, PresenceChanges changes) {
        this.cluster = cluster;
        this.changes = changes;
    }

    /** Which of the users are online (a connection, or the grace after the last one), in the whole cluster. */
    @Override
    public Set<String> onlineAmong(Collection<String> users) {
        if (cluster.enabled()) {
            return changes.onlineInCluster(users);
        }
        Set<String> found = new HashSet<>();
        for (String user : users) {
            if (online.containsKey(user)) {
                found.add(user);
            }
        }
        return found;
    }

    /** Whose presence, among the users, the viewer may see. */
    @Override
    public Set<String> visibleTo(String viewer, Collection<String> users) {
        return changes.visibleTo(viewer, users);
    }

    /**
     * A block hides the blocker's presence from the blocked user from now on (shown as offline, with no last-seen
     * time); lifting it shows it again, when the two share what makes presence visible.
     */
    void blockChanged(@Observes Blocks.BlockChanged change) {
        String blocker = change.blocker();
        if (change.nowBlocked()) {
            changes.announceTo(blocker, "offline", null, Set.of(change.blockedUser()));
        } else if (!changes.visibleTo(change.blockedUser(), Set.of(blocker)).isEmpty()) {
            boolean online = !onlineAmong(Set.of(blocker)).isEmpty();
            changes.announceTo(blocker, online ? "online" : "offline", online ? null : changes.lastSeen(blocker),
                    Set.of(change.blockedUser()));
        }
    }

    /** A dead instance held its users' presence: they go offline, unless connected elsewhere. */
    void instanceGone(@Observes InstanceEvents.Gone gone) {
        for (String user : changes.heldBy(gone.instanceId())) {
            changes.reaped(user, gone.instanceId());
        }
    }

    /** This instance was taken for dead and its rows reaped: its users are announced again. */
    void registeredAgain(@Observes InstanceEvents.RegisteredAgain again) {
        local().forEach(changes::arrived);
    }

    /** The users with a connection (or in the grace after one) on this instance. */
    public Set<String> local() {
        return Set.copyOf(online.keySet());
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
            changes.arrived(user);
        }
    }

    void closed(@Observes ConnectionClosed event) {
        String user = event.connection().userId();
        online.computeIfPresent(user, (id, state) -> {
            state.connections--;
            if (state.connections == 0) {
                state.goingOffline = timers.schedule(() -> goOffline(user, state), grace);
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
            try {
                changes.left(user);
            } catch (RuntimeException e) {
                // in cluster mode the row stays and the user stays online until this instance is reaped
                LOG.log(Level.WARNING, "Could not record that a user went offline: {0}", e.getMessage());
            }
        }
    }

    /** One online user: signed-in connections, and the pending move to offline once there are none. */
    private static final class Online {
        int connections;
        Future<?> goingOffline;
    }
}
