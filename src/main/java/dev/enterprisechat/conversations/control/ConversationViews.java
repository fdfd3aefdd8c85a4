package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds conversation views as one user sees them — read position, unread count, last message, participants with
 * presence — with two queries whatever the number of conversations: one for the conversations (with the viewer's
 * membership, the newest message and the unread count in the same statement), one for all their participants (plus
 * one for their presence in cluster mode, where it lives in the database).
 */
@ApplicationScoped
public class ConversationViews {

    @PersistenceContext
    EntityManager em;

    @Inject
    PresenceView presence;

    /** The viewer's conversations, newest activity first. */
    public List<ConversationView> of(String viewer) {
        return views(viewer, em.createNamedQuery(Conversation.OF_USER, Object[].class)
                .setParameter("user", viewer).getResultList());
    }

    /** One conversation of the viewer. */
    public ConversationView of(String viewer, long conversationId) {
        List<ConversationView> one = views(viewer, em.createNamedQuery(Conversation.ONE_OF_USER, Object[].class)
                .setParameter("user", viewer).setParameter("id", conversationId).getResultList());
        if (one.isEmpty()) {
            throw ChatException.forbidden("not a participant of conversation " + conversationId);
        }
        return one.get(0);
    }

    private List<ConversationView> views(String viewer, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> ids = rows.stream().map(row -> ((Conversation) row[0]).id()).toList();
        Map<Long, List<ParticipantView>> participants = participants(viewer, ids);
        List<ConversationView> views = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            Conversation c = (Conversation) row[0];
            MessageView last = row[2] == null ? null : MessageView.of((Message) row[2]);
            views.add(new ConversationView(c.id(), c.kind(), c.title(), c.groupId(), (String) row[4],
                    participants.getOrDefault(c.id(), List.of()), last, c.lastSeq(), c.createdAt(),
                    (Long) row[1], (Long) row[3], c.lastRev()));
        }
        return views;
    }

    /** Participants with presence (online, last seen) only where the viewer may see it, else offline and null. */
    private Map<Long, List<ParticipantView>> participants(String viewer, List<Long> ids) {
        List<Object[]> rows = em.createNamedQuery(Membership.PARTICIPANTS, Object[].class)
                .setParameter("ids", ids).getResultList();
        Set<String> others = new HashSet<>();
        rows.forEach(row -> others.add((String) row[1]));
        others.remove(viewer);
        Set<String> visible = new HashSet<>(presence.visibleTo(viewer, others));
        visible.add(viewer);
        Set<String> online = presence.onlineAmong(visible);
        Map<Long, List<ParticipantView>> byConversation = new HashMap<>();
        for (Object[] row : rows) {
            String user = (String) row[1];
            boolean shown = visible.contains(user);
            byConversation.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(new ParticipantView(user, (String) row[2], online.contains(user),
                            shown ? (Instant) row[3] : null));
        }
        return byConversation;
    }
}
