package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds conversation views for any number of conversations with two queries (participants, newest messages)
 * besides the one that found the conversations: never a query per conversation.
 */
@ApplicationScoped
public class ConversationViews {

    @PersistenceContext
    EntityManager em;

    public ConversationView of(Conversation conversation) {
        return of(List.of(conversation)).get(0);
    }

    public List<ConversationView> of(List<Conversation> conversations) {
        if (conversations.isEmpty()) {
            return List.of();
        }
        List<Long> ids = conversations.stream().map(Conversation::id).toList();
        Map<Long, List<ParticipantView>> participants = participants(ids);
        Map<Long, MessageView> latest = latest(ids);
        List<ConversationView> views = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            views.add(new ConversationView(c.id(), c.kind(), c.title(), c.groupId(),
                    participants.getOrDefault(c.id(), List.of()), latest.get(c.id()), c.lastSeq(), c.createdAt()));
        }
        return views;
    }

    private Map<Long, List<ParticipantView>> participants(List<Long> ids) {
        Map<Long, List<ParticipantView>> byConversation = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Membership.PARTICIPANTS, Object[].class)
                .setParameter("ids", ids).getResultList()) {
            byConversation.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(new ParticipantView((String) row[1], (String) row[2]));
        }
        return byConversation;
    }

    private Map<Long, MessageView> latest(List<Long> ids) {
        Map<Long, MessageView> byConversation = new HashMap<>();
        for (Message message : em.createNamedQuery(Message.LATEST_OF, Message.class)
                .setParameter("ids", ids).getResultList()) {
            byConversation.put(message.conversationId(), MessageView.of(message));
        }
        return byConversation;
    }
}
