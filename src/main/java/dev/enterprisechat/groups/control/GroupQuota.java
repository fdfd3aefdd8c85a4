package dev.enterprisechat.groups.control;

import dev.enterprisechat.groups.entity.ChatGroup;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.storage.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * What one user may do to groups in a time: create a number of them per hour, and fail to join one (a wrong, stale
 * or guessed invite code) a number of times per minute. Counted in the database, so that brute force spread over
 * many connections, or over several instances, meets the same bound.
 */
@Stateless
public class GroupQuota {

    static final Duration CREATION_WINDOW = Duration.ofHours(1);
    static final Duration JOIN_WINDOW = Duration.ofMinutes(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chat.quota.groups-per-hour", defaultValue = "20")
    long groupsPerHour;

    @Inject
    @ConfigProperty(name = "chat.quota.failed-joins-per-minute", defaultValue = "10")
    long failedJoinsPerMinute;

    /**
     * Before a group is created, in the creating transaction. Without a lock (see ConversationQuota): simultaneous
     * requests of one user on several connections may pass the bound by as many.
     */
    public void checkCreation(String user) {
        long created = em.createNamedQuery(ChatGroup.CREATED_SINCE, Long.class).setParameter("user", user)
                .setParameter("since", Instant.now().minus(CREATION_WINDOW)).getSingleResult();
        if (created >= groupsPerHour) {
            throw new ChatException(ErrorCode.RATE_LIMITED,
                    "too many groups created: at most " + groupsPerHour + " an hour");
        }
    }

    /** Before a join is tried: refused while the user's recent failures reach the bound. */
    public void checkJoin(String user) {
        Number failed = (Number) em.createNamedQuery(ChatGroup.FAILED_JOINS_SINCE).setParameter(1, user)
                .setParameter(2, now().minus(JOIN_WINDOW)).getSingleResult();
        if (failed.longValue() >= failedJoinsPerMinute) {
            throw new ChatException(ErrorCode.RATE_LIMITED,
                    "too many failed join attempts: at most " + failedJoinsPerMinute + " a minute");
        }
    }

    /** Records a failed join in a transaction of its own: the join's own transaction rolls back with its error. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void joinFailed(String user) {
        Instant now = now();
        em.createNamedQuery(ChatGroup.FORGET_FAILED_JOINS).setParameter(1, user)
                .setParameter(2, now.minus(JOIN_WINDOW)).executeUpdate();
        em.createNamedQuery(ChatGroup.RECORD_FAILED_JOIN).setParameter(1, user).setParameter(2, now).executeUpdate();
    }

    private static Instant now() {
        return Timestamps.now();
    }
}
