package dev.enterprisechat.messages.control;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.Message;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a batch of sends in ONE transaction (group commit): one commit for many messages is what lets the server
 * persist more messages per second than one-row-per-transaction inserts. Per batch: one query for memberships,
 * one that locks the conversations (in id order, so batches never deadlock), one for earlier client message ids,
 * an insert per message, one read-position update per (conversation, sender).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MessageStore {

    @PersistenceContext
    EntityManager em;

    /** @return one outcome per command, in the batch's order; the transaction commits when this returns */
    public List<Outcome> store(List<SendCommand> batch) {
        Set<Long> conversationIds = new HashSet<>();
        batch.forEach(command -> conversationIds.add(command.conversationId()));
        Map<Long, Set<String>> members = members(conversationIds);
        Map<Long, Conversation> locked = lock(members.keySet());
        Map<ClientKey, MessageView> earlier = earlier(batch);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Map<List<Object>, Long> readUpTo = new HashMap<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (SendCommand command : batch) {
            Set<String> participants = members.getOrDefault(command.conversationId(), Set.of());
            if (!participants.contains(command.sender())) {
                outcomes.add(Outcome.refused(ChatException.forbidden(
                        "not a participant of conversation " + command.conversationId())));
                continue;
            }
            ClientKey key = command.clientKey();
            MessageView prior = key == null ? null : earlier.get(key);
            if (prior != null) {
                outcomes.add(Outcome.replayed(prior));
                continue;
            }
            Conversation conversation = locked.get(command.conversationId());
            Message message = new Message(conversation.id(), conversation.nextSeq(now), command.sender(),
                    command.content(), command.clientMessageId(), now);
            em.persist(message);
            MessageView view = MessageView.of(message);
            if (key != null) {
                earlier.put(key, view);
            }
            readUpTo.merge(List.of(message.conversationId(), message.senderId()), message.seq(), Math::max);
            outcomes.add(Outcome.stored(view, participants));
        }
        // sending reads: each sender's read position moves to their newest message
        readUpTo.forEach((pair, seq) -> em.createNamedQuery(Membership.ADVANCE_READ)
                .setParameter("seq", seq).setParameter("at", now)
                .setParameter("conversation", pair.get(0)).setParameter("user", pair.get(1)).executeUpdate());
        return outcomes;
    }

    private Map<Long, Set<String>> members(Set<Long> conversationIds) {
        Map<Long, Set<String>> members = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Membership.OF_CONVERSATIONS, Object[].class)
                .setParameter("ids", conversationIds).getResultList()) {
            members.computeIfAbsent((Long) row[0], id -> new HashSet<>()).add((String) row[1]);
        }
        return members;
    }

    /** Locks the rows in id order: seqs are taken under the lock, so they commit in seq order. */
    private Map<Long, Conversation> lock(Set<Long> conversationIds) {
        Map<Long, Conversation> locked = new HashMap<>();
        if (!conversationIds.isEmpty()) {
            em.createNamedQuery(Conversation.LOCK, Conversation.class).setParameter("ids", conversationIds)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList().forEach(c -> locked.put(c.id(), c));
        }
        return locked;
    }

    /** Messages stored before under the client message ids of the batch (read after the lock: none can race). */
    private Map<ClientKey, MessageView> earlier(List<SendCommand> batch) {
        Set<Long> conversations = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        for (SendCommand command : batch) {
            if (command.clientMessageId() != null) {
                conversations.add(command.conversationId());
                clientIds.add(command.clientMessageId());
            }
        }
        Map<ClientKey, MessageView> earlier = new HashMap<>();
        if (!clientIds.isEmpty()) {
            em.createNamedQuery(Message.BY_CLIENT_IDS, Message.class)
                    .setParameter("conversations", conversations).setParameter("clientMessageIds", clientIds)
                    .getResultList().forEach(m -> earlier.put(
                            new ClientKey(m.conversationId(), m.senderId(), m.clientMessageId()), MessageView.of(m)));
        }
        return earlier;
    }
}
