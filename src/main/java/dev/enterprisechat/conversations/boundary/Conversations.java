package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.ConversationViews;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.users.boundary.Users;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Creates and lists conversations. */
@Stateless
public class Conversations {

    public static final String CONVERSATION_CREATED = "conversation_created";

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    ConversationViews views;

    @Inject
    Event<Broadcast> broadcasts;

    /**
     * Creates a conversation of the creator and {@code others}; one other and no title is a direct conversation,
     * which is returned as it is when the pair already has one.
     */
    public ConversationView create(String creator, Set<String> others, String title, String exceptConnection) {
        Set<String> unknown = users.unknown(others);
        if (!unknown.isEmpty()) {
            throw ChatException.notFound("unknown user: " + unknown.iterator().next());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Conversation conversation;
        if (others.size() == 1 && title == null) {
            Optional<Conversation> created = createDirect(creator, others.iterator().next(), now);
            if (created.isEmpty()) {
                return direct(creator, others.iterator().next()).orElseThrow();
            }
            conversation = created.get();
        } else {
            conversation = Conversation.group(creator, title, now);
            em.persist(conversation);
        }
        Set<String> everyone = new LinkedHashSet<>();
        everyone.add(creator);
        everyone.addAll(others);
        for (String user : everyone) {
            em.persist(new Membership(conversation.id(), user,
                    user.equals(creator) ? Membership.OWNER : Membership.MEMBER, now));
        }
        em.flush();
        ConversationView view = views.of(creator, conversation.id());
        broadcasts.fire(Broadcast.toUsers(CONVERSATION_CREATED, Map.of("conversation", view), everyone,
                exceptConnection));
        return view;
    }

    /**
     * Inserts the pair's direct conversation unless it exists. When two requests race, the unique key makes the
     * second insert wait for the first to commit and then do nothing: no error, no duplicate.
     *
     * @return the new conversation, or empty when the pair had one already
     */
    private Optional<Conversation> createDirect(String creator, String other, Instant now) {
        String key = Conversation.directKey(creator, other);
        int inserted = em.createNamedQuery(Conversation.INSERT_DIRECT)
                .setParameter(1, key).setParameter(2, creator).setParameter(3, now)
                .executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        return em.createNamedQuery(Conversation.DIRECT, Conversation.class).setParameter("key", key)
                .getResultStream().findFirst();
    }

    /** The direct conversation of two users, as {@code viewer} (one of them) sees it, if they have one. */
    public Optional<ConversationView> direct(String viewer, String other) {
        return em.createNamedQuery(Conversation.DIRECT, Conversation.class)
                .setParameter("key", Conversation.directKey(viewer, other))
                .getResultStream().findFirst().map(c -> views.of(viewer, c.id()));
    }

    /** The user's conversations, newest activity first. */
    public List<ConversationView> of(String user) {
        return views.of(user);
    }

    /** One conversation, for a participant only (FORBIDDEN otherwise). */
    public ConversationView view(long conversationId, String user) {
        return views.of(user, conversationId);
    }
}
