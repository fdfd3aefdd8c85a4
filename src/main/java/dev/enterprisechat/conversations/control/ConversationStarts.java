package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.rooms.Broadcast;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The two steps every new conversation takes, direct, ad-hoc or a group's: its memberships (the creator owns it),
 * then {@code conversation_created} to everyone in it but the creating connection. Both run in the creating
 * transaction, so the event leaves only if the conversation exists.
 */
@ApplicationScoped
public class ConversationStarts {

    public static final String CONVERSATION_CREATED = "conversation_created";

    @PersistenceContext
    EntityManager em;

    @Inject
    ConversationViews views;

    @Inject
    Event<Broadcast> broadcasts;

    /** Persists the memberships of a conversation just persisted: the creator as owner, the others as members. */
    public Set<String> seat(Conversation conversation, String creator, Collection<String> others, Instant now) {
        Set<String> everyone = new LinkedHashSet<>();
        everyone.add(creator);
        everyone.addAll(others);
        for (String user : everyone) {
            em.persist(new Membership(conversation.id(), user,
                    user.equals(creator) ? Membership.OWNER : Membership.MEMBER, now));
        }
        em.flush();
        return everyone;
    }

    /**
     * Announces the new conversation to its participants' connections, the creator's other ones included, and
     * returns it as the creator sees it. The event shows only the creator's presence: what the creator may see of the
     * others is not what each recipient may.
     */
    public ConversationView announce(Caller creator, long conversationId, Set<String> everyone) {
        ConversationView view = views.of(creator.userId(), conversationId);
        broadcasts.fire(Broadcast.toUsers(CONVERSATION_CREATED,
                Map.of("conversation", view.withPresenceOnlyOf(creator.userId())), everyone, creator.connectionId()));
        return view;
    }
}
