package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.rooms.Broadcast;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Stores messages in seq order, exactly once per client message id, and pages through them. */
@Stateless
public class Messages {

    public static final String NEW_MESSAGE = "new_message";

    @PersistenceContext
    EntityManager em;

    @Inject
    Participants participants;

    @Inject
    Event<Broadcast> broadcasts;

    /**
     * Stores a message (or finds the one stored before under the same client message id) and, after commit, sends
     * {@code new_message} to every connection of every participant but {@code senderConnection}.
     */
    public MessageView send(String sender, String senderConnection, long conversationId, String content,
                            String clientMessageId) {
        participants.require(conversationId, sender);
        // the row lock serialises senders of this conversation until commit: gapless seqs, committed in seq order
        Conversation conversation = em.find(Conversation.class, conversationId, LockModeType.PESSIMISTIC_WRITE);
        if (clientMessageId != null) {
            List<Message> earlier = em.createNamedQuery(Message.BY_CLIENT_ID, Message.class)
                    .setParameter("conversation", conversationId)
                    .setParameter("sender", sender)
                    .setParameter("clientMessageId", clientMessageId)
                    .getResultList();
            if (!earlier.isEmpty()) {
                return MessageView.of(earlier.get(0));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Message message = new Message(conversationId, conversation.nextSeq(now), sender, content, clientMessageId,
                now);
        em.persist(message);
        // sending reads: the sender's read position moves to their own message
        em.createNamedQuery(Membership.ADVANCE_READ).setParameter("seq", message.seq()).setParameter("at", now)
                .setParameter("conversation", conversationId).setParameter("user", sender).executeUpdate();
        MessageView view = MessageView.of(message);
        broadcasts.fire(Broadcast.toUsers(NEW_MESSAGE, Map.of("message", view),
                participants.userIds(conversationId), senderConnection));
        return view;
    }

    /**
     * A page of messages in ascending seq order. With no cursor: the newest page. {@code hasMore} says whether
     * more lie beyond the page in the direction of reading: older ones with {@code beforeSeq} or no cursor, newer
     * ones with {@code afterSeq}.
     */
    public Page page(String reader, long conversationId, Long beforeSeq, Long afterSeq, int limit) {
        participants.require(conversationId, reader);
        boolean ascending = afterSeq != null;
        TypedQuery<Message> query;
        if (afterSeq != null && beforeSeq != null) {
            query = em.createNamedQuery(Message.BETWEEN, Message.class)
                    .setParameter("after", afterSeq).setParameter("before", beforeSeq);
        } else if (afterSeq != null) {
            query = em.createNamedQuery(Message.AFTER, Message.class).setParameter("after", afterSeq);
        } else if (beforeSeq != null) {
            query = em.createNamedQuery(Message.BEFORE, Message.class).setParameter("before", beforeSeq);
        } else {
            query = em.createNamedQuery(Message.NEWEST, Message.class);
        }
        List<Message> rows = query.setParameter("conversation", conversationId)
                .setMaxResults(limit + 1).getResultList();
        boolean hasMore = rows.size() > limit;
        List<MessageView> page = new ArrayList<>(Math.min(rows.size(), limit));
        for (Message message : rows.subList(0, Math.min(rows.size(), limit))) {
            page.add(MessageView.of(message));
        }
        if (!ascending) {
            Collections.reverse(page);
        }
        return new Page(page, hasMore);
    }

    /** The ack of {@code load_messages}. */
    public record Page(List<MessageView> messages, boolean hasMore) {
    }
}
