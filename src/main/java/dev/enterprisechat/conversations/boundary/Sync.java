package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.messages.boundary.Messages;
import dev.enterprisechat.messages.entity.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Catch-up after a reconnect, from the database: for every conversation of the user, the messages after the
 * client's cursor (0 when it sent none: a conversation joined while away), paged; with a revision cursor, the
 * messages it already holds that changed since (edited, deleted, reacted to), by rev, paged; and everyone's read
 * positions. Queries: one for the user's conversations, one for the read positions, one page per conversation that
 * has new messages and one per conversation that has changes the client has not seen — conversations without news
 * cost nothing more. The pages share one byte budget: once it is spent, the remaining conversations with news answer
 * {@code hasMore} (or {@code hasMoreChanges}) and nothing, and the next round brings them.
 */
@ApplicationScoped
@Transactional
public class Sync {

    @PersistenceContext
    EntityManager em;

    @Inject
    Messages messages;

    public SyncResult sync(String user, Map<Long, Cursor> cursors, int limit) {
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
            long lastRev = (Long) row[3];
            Cursor cursor = cursors.getOrDefault(id, Cursor.NONE);
            long after = cursor.afterSeq();
            Messages.Page page;
            if (lastSeq <= after) {
                page = new Messages.Page(List.of(), false);
            } else if (budget.spent()) {
                // the answer is full: this one's news come with the next round (the client syncs again on hasMore)
                page = new Messages.Page(List.of(), true);
            } else {
                page = messages.page(user, id, null, after, limit, budget);
            }
            Messages.Page changes = changes(user, id, cursor, lastRev, limit, budget);
            conversations.add(new SyncedConversation(id, page.messages(), page.hasMore(), lastSeq, (Long) row[2],
                    positions.getOrDefault(id, List.of()), changes.messages(), changes.hasMore(), lastRev));
        }
        return new SyncResult(conversations);
    }

    /** The messages the client holds (seq up to its cursor) changed after its revision cursor; none without one. */
    private Messages.Page changes(String user, long id, Cursor cursor, long lastRev, int limit,
                                  Messages.PageBudget budget) {
        if (cursor.afterRev() == null || cursor.afterSeq() == 0 || lastRev <= cursor.afterRev()) {
            return new Messages.Page(List.of(), false);
        }
        if (budget.spent()) {
            return new Messages.Page(List.of(), true);
        }
        return messages.changes(user, id, cursor.afterSeq(), cursor.afterRev(), limit, budget);
    }

    /**
     * A client's cursors for one conversation.
     *
     * @param afterSeq the highest seq it holds (0: none)
     * @param afterRev the revision up to which it has seen the changes of what it holds; null: it does not follow
     *                 changes (today's answer)
     */
    public record Cursor(long afterSeq, Long afterRev) {
        static final Cursor NONE = new Cursor(0, null);
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
     * @param changed        the messages with seq up to the cursor changed after the revision cursor, ascending rev
     * @param hasMoreChanges whether more changes follow: sync again with the last one's rev as the revision cursor
     * @param lastRev        the revision of the conversation's newest change
     */
    public record SyncedConversation(long conversationId, List<MessageView> messages, boolean hasMore, long lastSeq,
                                     long lastReadSeq, List<ReadPosition> readPositions, List<MessageView> changed,
                                     boolean hasMoreChanges, long lastRev) {
    }

    /** A participant's read position. */
    public record ReadPosition(String userId, long lastReadSeq) {
    }
}
