package dev.enterprisechat.directory.boundary;

import dev.enterprisechat.conversations.control.PresenceView;
import dev.enterprisechat.storage.Timestamps;
import dev.enterprisechat.users.entity.ChatUser;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds users by a prefix of their name or id, within the configured scope. */
@Stateless
public class Directory {

    static final String SHARED = "shared";
    static final String ALL = "all";

    @PersistenceContext
    EntityManager em;

    @Inject
    PresenceView presence;

    @Inject
    @ConfigProperty(name = "chat.directory.scope", defaultValue = ALL)
    String scope;

    public List<FoundUser> search(String caller, String query, int limit) {
        String prefix = escape(query.toLowerCase(Locale.ROOT));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNamedQuery(ALL.equalsIgnoreCase(scope.strip()) ? ChatUser.SEARCH
                        : ChatUser.SEARCH_SHARED)
                .setParameter(1, caller).setParameter(2, prefix + "%").setParameter(3, "% " + prefix + "%")
                .setMaxResults(limit).getResultList();
        Set<String> ids = new HashSet<>();
        rows.forEach(row -> ids.add((String) row[0]));
        Set<String> visible = presence.visibleTo(caller, ids);
        Set<String> online = presence.onlineAmong(visible);
        return rows.stream().map(row -> {
            String id = (String) row[0];
            boolean shown = visible.contains(id);
            return new FoundUser(id, (String) row[1], online.contains(id), shown ? Timestamps.instant(row[2]) : null);
        }).toList();
    }

    /** LIKE's wildcards and its escape character taken literally. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /**
     * A user found.
     *
     * @param userId      the user's id
     * @param displayName from their latest token
     * @param online      whether they are online, where the caller may see it; else false
     * @param lastSeenAt  when they last went offline, where the caller may see it; else null
     */
    public record FoundUser(String userId, String displayName, boolean online, Instant lastSeenAt) {
    }
}
