package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.ConversationViews;
import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.users.boundary.Users;
import jakarta.ejb.EJB;
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

    @EJB
    Users users;

    @Inject
    Participants participants;

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
        if (others.size() == 1 && title == null) {
            String other = others.iterator().next();
            Optional<ConversationView> existing = direct(creator, other);
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Conversation conversation = others.size() == 1 && title == null
                ? Conversation.direct(creator, others.iterator().next(), now)
                : Conversation.group(creator, title, now);
        em.persist(conversation);
        Set<String> everyone = new LinkedHashSet<>();
        everyone.add(creator);
        everyone.addAll(others);
        for (String user : everyone) {
            em.persist(new Membership(conversation.id(), user,
                    user.equals(creator) ? Membership.OWNER : Membership.MEMBER, now));
        }
        // a concurrent creation of the same direct pair fails here on the unique key instead of at commit
        em.flush();
        ConversationView view = views.of(conversation);
        broadcasts.fire(Broadcast.toUsers(CONVERSATION_CREATED, Map.of("conversation", view), everyone,
                exceptConnection));
        return view;
    }

    /** The direct conversation of two users, if they have one. */
    public Optional<ConversationView> direct(String a, String b) {
        return em.createNamedQuery(Conversation.DIRECT, Conversation.class)
                .setParameter("key", Conversation.directKey(a, b))
                .getResultStream().findFirst().map(views::of);
    }

    /** The user's conversations, newest activity first. */
    public List<ConversationView> of(String user) {
        return views.of(em.createNamedQuery(Conversation.OF_USER, Conversation.class)
                .setParameter("user", user).getResultList());
    }

    /** One conversation, for a participant only. */
    public ConversationView view(long conversationId, String user) {
        participants.require(conversationId, user);
        return views.of(em.find(Conversation.class, conversationId));
    }
}
