package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.boundary.Messages;
import dev.enterprisechat.messages.entity.MessageView;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Catch-up after a reconnect, from the database: for every conversation of the user, the messages after the
 * client's cursor (0 when it sent none: a conversation joined while away), paged, and everyone's read positions.
 * Queries: one for the user's conversations, one for the read positions, one page per conversation that has new
 * messages — conversations without news cost nothing more. The pages share one byte budget: once it is spent, the
 * remaining conversations with news answer {@code hasMore} and no messages, and the next round brings them.
 */
@Stateless
public class Sync {

    @PersistenceContext
    EntityManager em;

    @Inject
    Messages messages;

    public SyncResult sync(String user, Map<Long, Long> cursors, int limit) {
        Map<Long, List<ReadPosition>> positions = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Membership.READ_POSITIONS_OF_USER, Object[].class)
                .setParameter("user", user).getResultList()) {
            positions.computeIfAbsent((Long) row[0], id -> new ArrayList<>())
                    .add(new ReadPosition((String) row[1], (Long) row[2]));
        }
        List<SyncedConversation> conversations = new ArrayList<>();
        Messages.PageBudget budget = new Messages.PageBudget(messages.pageBudget());
        for (Object[] row : em.createNamedQuery(Conversation.SYNC_STATE, Object[].class)
                .setParameter("user", user).getResultList()) {
            long id = (Long) row[0];
            long lastSeq = (Long) row[1];
            long after = cursors.getOrDefault(id, 0L);
            Messages.Page page;
            if (lastSeq <= after) {
                page = new Messages.Page(List.of(), false);
            } else if (budget.spent()) {
                // the answer is full: this one's news come with the next round (the client syncs again on hasMore)
                page = new Messages.Page(List.of(), true);
            } else {
                page = messages.page(user, id, null, after, limit, budget);
            }
            conversations.add(new SyncedConversation(id, page.messages(), page.hasMore(), lastSeq, (Long) row[2],
                    positions.getOrDefault(id, List.of())));
        }
        return new SyncResult(conversations);
    }

    /** The ack of {@code sync}. */
    public record SyncResult(List<SyncedConversation> conversations) {
    }

    /**
     * One conversation's catch-up.
     *
     * @param conversationId the conversation
     * @param messages       the messages after the cursor, ascending, at most {@code limit}
     * @param hasMore        whether more messages follow the page: sync again with the last seq as cursor
     * @param lastSeq        the seq of the newest message
     * @param lastReadSeq    the user's own read position
     * @param readPositions  every participant's read position
     */
    public record SyncedConversation(long conversationId, List<MessageView> messages, boolean hasMore, long lastSeq,
                                     long lastReadSeq, List<ReadPosition> readPositions) {
    }

    /** A participant's read position. */
    public record ReadPosition(String userId, long lastReadSeq) {
    }
}
