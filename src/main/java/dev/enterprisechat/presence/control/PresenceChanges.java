package dev.enterprisechat.presence.control;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.storage.Timestamps;
import dev.enterprisechat.users.boundary.Users;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A user's arrival and departure, each in one transaction with its announcement.
 * <p>
 * In cluster mode the truth is {@code presence_sessions}: a row per user and instance that holds a connection (or the
 * grace after one), counted only while the instance's heartbeat is fresh. Changes to one user's rows run under a lock
 * on the user's row, so two instances never both announce (or both miss) a transition, and the announcements commit
 * in the order of the transitions.
 */
@ApplicationScoped
public class PresenceChanges {

    public static final String PRESENCE = "presence";

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    ClusterSettings cluster;

    @Inject
    Event<Broadcast> broadcasts;

    /** For CDI. */
    public PresenceChanges() {
    }

    /** Outside the container (tests): only the queries ({@link #visibleTo}) are usable. */
    public PresenceChanges(EntityManager em) {
        this.em = em;
    }

    /** The user's first connection on this instance. */
    @Transactional
    public void arrived(String user) {
        if (cluster.enabled() && !arriveInCluster(user, cluster.instanceId())) {
            return;
        }
        Set<String> audience = audience(user);
        if (!audience.isEmpty()) {
            // when the user was last seen is read only when someone is to be told
            announceTo(user, "online", users.lastSeen(user), audience);
        }
    }

    /** The grace after the user's last connection on this instance has passed. */
    @Transactional
    public void left(String user) {
        if (cluster.enabled() && !leaveCluster(user, cluster.instanceId())) {
            return;
        }
        wentOffline(user);
    }

    /** A dead instance held the user; the user goes offline unless connected elsewhere. */
    @Transactional
    public void reaped(String user, String deadInstance) {
        if (leaveCluster(user, deadInstance)) {
            wentOffline(user);
        }
    }

    /** Which of the users are online in the cluster (cluster mode only). */
    @Transactional
    public Set<String> onlineInCluster(Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> online = em.createNativeQuery(PresenceSql.ONLINE_IN_CLUSTER)
                .setParameter("users", candidates).getResultList();
        return new HashSet<>(online);
    }

    /** The users that the instance's rows hold. */
    @Transactional
    public List<String> heldBy(String instance) {
        @SuppressWarnings("unchecked")
        List<String> held = em.createNativeQuery(PresenceSql.HELD_BY)
                .setParameter(1, instance).getResultList();
        return held;
    }

    /** @return whether the user was offline everywhere before */
    private boolean arriveInCluster(String user, String instance) {
        lock(user);
        boolean elsewhere = liveElsewhere(user, instance);
        em.createNativeQuery(PresenceSql.HOLD).setParameter(1, user).setParameter(2, instance).executeUpdate();
        return !elsewhere;
    }

    /** @return whether the user is now offline everywhere, by this removal (false if the row was gone already) */
    private boolean leaveCluster(String user, String instance) {
        lock(user);
        int removed = em.createNativeQuery(PresenceSql.RELEASE)
                .setParameter(1, user).setParameter(2, instance).executeUpdate();
        return removed > 0 && !liveElsewhere(user, instance);
    }

    private void lock(String user) {
        em.createNativeQuery(PresenceSql.LOCK_USER).setParameter(1, user)
                .getResultList();
    }

    private boolean liveElsewhere(String user, String instance) {
        return !em.createNativeQuery(PresenceSql.LIVE_ELSEWHERE)
                .setParameter(1, user).setParameter(2, instance).setMaxResults(1).getResultList().isEmpty();
    }

    private void wentOffline(String user) {
        Instant now = Timestamps.now();
        users.markSeen(user, now);
        announce(user, "offline", now);
    }

    private void announce(String user, String status, Instant lastSeenAt) {
        announceTo(user, status, lastSeenAt, audience(user));
    }

    /** Who may see the user's presence. */
    private Set<String> audience(String user) {
        @SuppressWarnings("unchecked")
        Set<String> audience = new HashSet<>(em.createNamedQuery(Membership.PRESENCE_AUDIENCE)
                .setParameter(1, user).getResultList());
        return audience;
    }

    /** When the user last went offline; null if never. */
    @Transactional
    public Instant lastSeen(String user) {
        return users.lastSeen(user);
    }

    /** Tells these users (only) the user's presence. */
    void announceTo(String user, String status, Instant lastSeenAt, Set<String> audience) {
        if (!audience.isEmpty()) {
            broadcasts.fire(Broadcast.toUsers(PRESENCE, new PresenceEvent(user, status, lastSeenAt), audience, null)
                    .asDroppable());
        }
    }

    /** Whose presence, among the candidates, the viewer may see (see {@link Membership#PRESENCE_VISIBLE}). */
    @Transactional
    public Set<String> visibleTo(String viewer, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> visible = em.createNamedQuery(Membership.PRESENCE_VISIBLE).setParameter(1, viewer)
                .setParameter(2, candidates).getResultList();
        return new HashSet<>(visible);
    }

    /** The payload of a {@code presence} event. */
    public record PresenceEvent(String userId, String status, Instant lastSeenAt) {
    }
}
