package dev.enterprisechat.users.boundary;

import dev.enterprisechat.security.Identity;
import dev.enterprisechat.storage.ConfiguredDataSource;
import dev.enterprisechat.storage.Timestamps;
import dev.enterprisechat.users.entity.ChatUser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Records who signed in, and answers which user ids exist. */
@ApplicationScoped
@Transactional
public class Users {

    @PersistenceContext
    EntityManager em;

    private boolean postgres;

    @PostConstruct
    void database() {
        postgres = ConfiguredDataSource.isPostgresql();
    }

    /**
     * Creates the user on first sign-in, refreshes the display name on later ones: one statement on PostgreSQL, one or
     * two on the embedded database.
     */
    public void upsert(Identity identity) {
        if (postgres) {
            em.createNamedQuery(ChatUser.UPSERT)
                    .setParameter(1, identity.userId())
                    .setParameter(2, identity.displayName())
                    .setParameter(3, Timestamps.now())
                    .executeUpdate();
            return;
        }
        int renamed = em.createNamedQuery(ChatUser.RENAME)
                .setParameter(1, identity.userId())
                .setParameter(2, identity.displayName())
                .executeUpdate();
        if (renamed == 0) {
            em.createNamedQuery(ChatUser.INSERT_IF_ABSENT)
                    .setParameter(1, identity.userId())
                    .setParameter(2, identity.displayName())
                    .setParameter(3, Timestamps.now())
                    .executeUpdate();
        }
    }

    /** Records when the user went offline: one statement (a user unknown here changes nothing). */
    public void markSeen(String userId, Instant at) {
        em.createNamedQuery(ChatUser.MARK_SEEN).setParameter("at", at).setParameter("id", userId).executeUpdate();
    }

    /** When the user last went offline; null if never (or unknown). */
    public Instant lastSeen(String userId) {
        ChatUser user = em.find(ChatUser.class, userId);
        return user == null ? null : user.lastSeenAt();
    }

    /** The ids among {@code ids} that belong to no user. */
    public Set<String> unknown(Collection<String> ids) {
        Set<String> missing = new HashSet<>(ids);
        if (!ids.isEmpty()) {
            em.createNamedQuery(ChatUser.EXISTING, String.class).setParameter("ids", ids)
                    .getResultList().forEach(missing::remove);
        }
        return missing;
    }
}
