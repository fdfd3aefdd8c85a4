package dev.enterprisechat.receipts.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.storage.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/** Moves read positions forward and tells every participant. */
@Stateless
public class Receipts {

    public static final String READ_RECEIPT = "read_receipt";

    @PersistenceContext
    EntityManager em;

    @Inject
    Participants participants;

    @Inject
    Event<Broadcast> broadcasts;

    /**
     * Moves the reader's position to {@code seq} (clamped to the newest message) if that is forward, and then sends
     * {@code read_receipt} to every connection of every participant but the reader's requesting one.
     */
    public ReadPosition markRead(Caller caller, long conversationId, long seq) {
        String reader = caller.userId();
        participants.require(conversationId, reader);
        long target = Math.min(seq, em.find(Conversation.class, conversationId).lastSeq());
        Instant now = Timestamps.now();
        int moved = em.createNamedQuery(Membership.ADVANCE_READ).setParameter("seq", target).setParameter("at", now)
                .setParameter("conversation", conversationId).setParameter("user", reader).executeUpdate();
        long position = moved == 1 ? target
                : em.find(Membership.class, new Membership.Key(conversationId, reader)).lastReadSeq();
        if (moved == 1) {
            broadcasts.fire(Broadcast.toUsers(READ_RECEIPT, new ReadReceipt(conversationId, reader, target, now),
                    participants.userIds(conversationId), caller.connectionId()));
        }
        return new ReadPosition(conversationId, position, unread(conversationId, reader, position));
    }

    private long unread(long conversationId, String reader, long after) {
        return em.createNamedQuery(Message.UNREAD, Long.class).setParameter("conversation", conversationId)
                .setParameter("after", after).setParameter("reader", reader).getSingleResult();
    }

    /** The ack of {@code mark_read}. */
    public record ReadPosition(long conversationId, long lastReadSeq, long unreadCount) {
    }

    /** The payload of {@code read_receipt}. */
    public record ReadReceipt(long conversationId, String userId, long seq, Instant readAt) {
    }
}
