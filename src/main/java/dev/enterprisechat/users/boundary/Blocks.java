package dev.enterprisechat.users.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.storage.Timestamps;
import dev.enterprisechat.users.entity.UserBlock;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Who blocked whom. Blocking any id succeeds, known user or not, so that it reveals nothing; blocking twice, or
 * unblocking someone not blocked, changes nothing and is not an error.
 */
@Stateless
public class Blocks {

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<BlockChanged> changes;

    public void block(String blocker, String blocked) {
        if (blocker.equals(blocked)) {
            throw ChatException.badRequest("you cannot block yourself");
        }
        int added = em.createNamedQuery(UserBlock.INSERT_IF_ABSENT).setParameter(1, blocker).setParameter(2, blocked)
                .setParameter(3, Timestamps.now()).executeUpdate();
        if (added == 1) {
            changes.fire(new BlockChanged(blocker, blocked, true));
        }
    }

    public void unblock(String blocker, String blocked) {
        int removed = em.createNamedQuery(UserBlock.DELETE).setParameter("blocker", blocker)
                .setParameter("blocked", blocked).executeUpdate();
        if (removed == 1) {
            changes.fire(new BlockChanged(blocker, blocked, false));
        }
    }

    /** The users the blocker blocked, oldest block first. */
    public List<BlockedUser> blockedBy(String blocker) {
        return em.createNamedQuery(UserBlock.BLOCKED_BY, Object[].class).setParameter("blocker", blocker)
                .getResultStream()
                .map(row -> new BlockedUser((String) row[0], (String) row[1], (Instant) row[2]))
                .toList();
    }

    /** Which of the candidates blocked {@code user}. */
    public Set<String> blockersOf(String user, Collection<String> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(em.createNamedQuery(UserBlock.BLOCKERS_OF, String.class).setParameter("blocked", user)
                .setParameter("candidates", candidates).getResultList());
    }

    /**
     * A blocked user, as the blocker's list shows it.
     *
     * @param displayName null when the id belongs to no user the server has seen
     */
    public record BlockedUser(String userId, String displayName, Instant blockedAt) {
    }

    /**
     * CDI event, fired in the transaction that changed a block: presence follows it (a blocked user sees the
     * blocker go offline, and back when unblocked).
     *
     * @param nowBlocked true for a new block, false for a lifted one
     */
    public record BlockChanged(String blocker, String blockedUser, boolean nowBlocked) {
    }
}
