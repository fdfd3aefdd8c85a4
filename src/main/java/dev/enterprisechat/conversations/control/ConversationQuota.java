package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;

/**
 * How many conversations (direct or ad-hoc; a group's conversation counts as the group) one user may start per hour.
 * Counted in the database, so the bound holds across instances. It takes no lock (a lock on the user's row
 * deadlocked two users starting their direct conversation at the same instant, through the membership's foreign
 * key): requests of the same user that run at the very same moment, on several connections, may pass it by as many.
 */
@ApplicationScoped
public class ConversationQuota {

    static final Duration WINDOW = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    @ConfigProperty(name = "chat.quota.conversations-per-hour", defaultValue = "100")
    long perHour;

    /** Before a new conversation of the user is created. */
    public void check(String user) {
        long started = em.createNamedQuery(Conversation.STARTED_SINCE, Long.class).setParameter("user", user)
                .setParameter("since", Instant.now().minus(WINDOW)).getSingleResult();
        if (started >= perHour) {
            throw new ChatException(ErrorCode.RATE_LIMITED,
                    "too many conversations started: at most " + perHour + " an hour");
        }
    }
}
