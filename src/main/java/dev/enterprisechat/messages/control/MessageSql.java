package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.control.Sends.PendingRow;
import dev.enterprisechat.messages.entity.MessageView;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SQL of the send path and its binding, written for PostgreSQL and H2 (PostgreSQL mode) alike. Arrays are bound
 * as JDBC arrays, so each statement is one prepared plan whatever the batch size; writes go as JDBC batches.
 */
final class MessageSql {

    static final String MEMBERS =
            "SELECT conversation_id, user_id FROM conversation_members WHERE conversation_id = ANY (?)";

    static final String LOCK =
            "SELECT id, last_seq, kind FROM conversations WHERE id = ANY (?) ORDER BY id FOR UPDATE";

    static final String BLOCKS =
            "SELECT blocker_id, blocked_id FROM user_blocks WHERE blocked_id = ANY (?) AND blocker_id = ANY (?)";

    static final String BY_CLIENT_IDS = """
            SELECT id, conversation_id, seq, sender_id, content, client_message_id, created_at FROM messages
            WHERE conversation_id = ANY (?) AND client_message_id = ANY (?)""";

    static final String INSERT = """
            INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    static final String ADVANCE_CONVERSATION =
            "UPDATE conversations SET last_seq = ?, last_activity_at = ? WHERE id = ?";

    static final String ADVANCE_READ = """
            UPDATE conversation_members SET last_read_seq = GREATEST(last_read_seq, ?), last_read_at = ?, posted = TRUE
            WHERE conversation_id = ? AND user_id = ?""";

    private MessageSql() {
    }

    static Map<Long, Set<String>> members(WriterSession session, Set<Long> conversationIds) throws SQLException {
        Map<Long, Set<String>> members = new HashMap<>();
        PreparedStatement query = session.prepare(MessageSql.MEMBERS);
        query.setArray(1, session.db().createArrayOf("BIGINT", conversationIds.toArray()));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                members.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
            }
        }
        return members;
    }

    /** The conversations of a batch, locked: their last seq, and which of them are direct conversations. */
    record Locked(Map<Long, Long> lastSeqs, Set<Long> direct) {
    }

    /**
     * Locks the rows in id order: seqs are taken under the lock, so they commit in seq order; and memberships read
     * after it cannot change before the commit (leaving a conversation takes the same lock).
     */
    static Locked lock(WriterSession session, Set<Long> conversationIds) throws SQLException {
        Map<Long, Long> lastSeqs = new HashMap<>();
        Set<Long> direct = new HashSet<>();
        PreparedStatement query = session.prepare(MessageSql.LOCK);
        query.setArray(1, session.db().createArrayOf("BIGINT", new TreeSet<>(conversationIds).toArray()));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                lastSeqs.put(rs.getLong(1), rs.getLong(2));
                if ("direct".equals(rs.getString(3))) {
                    direct.add(rs.getLong(1));
                }
            }
        }
        return new Locked(lastSeqs, direct);
    }

    /** The (blocker, blocked) pairs among these users: one round trip, only for batches with direct messages. */
    static Set<List<String>> blocks(WriterSession session, Set<String> senders, Set<String> recipients)
            throws SQLException {
        Set<List<String>> pairs = new HashSet<>();
        if (senders.isEmpty()) {
            return pairs;
        }
        PreparedStatement query = session.prepare(MessageSql.BLOCKS);
        query.setArray(1, session.db().createArrayOf("VARCHAR", senders.toArray()));
        query.setArray(2, session.db().createArrayOf("VARCHAR", recipients.toArray()));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                pairs.add(List.of(rs.getString(1), rs.getString(2)));
            }
        }
        return pairs;
    }

    /** Messages stored before under the client message ids of the batch (read after the lock: none can race). */
    static Map<ClientKey, MessageView> earlier(WriterSession session, List<SendCommand> batch) throws SQLException {
        Set<Long> conversations = new HashSet<>();
        Set<String> clientIds = new HashSet<>();
        for (SendCommand command : batch) {
            if (command.clientMessageId() != null) {
                conversations.add(command.conversationId());
                clientIds.add(command.clientMessageId());
            }
        }
        Map<ClientKey, MessageView> earlier = new HashMap<>();
        if (clientIds.isEmpty()) {
            return earlier;
        }
        PreparedStatement query = session.prepare(MessageSql.BY_CLIENT_IDS);
        query.setArray(1, session.db().createArrayOf("BIGINT", conversations.toArray()));
        query.setArray(2, session.db().createArrayOf("VARCHAR", clientIds.toArray()));
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                MessageView message = new MessageView(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getTimestamp(7).toInstant());
                earlier.put(new ClientKey(message.conversationId(), message.senderId(),
                        message.clientMessageId()), message);
            }
        }
        return earlier;
    }

    /** Inserts the rows as one JDBC batch; returns each row's stored message, in the rows' order. */
    static List<MessageView> insert(WriterSession session, List<PendingRow> rows, Instant now) throws SQLException {
        List<MessageView> stored = new ArrayList<>(rows.size());
        if (rows.isEmpty()) {
            return stored;
        }
        Timestamp at = Timestamp.from(now);
        PreparedStatement insert = session.prepareReturningId(MessageSql.INSERT);
        for (PendingRow row : rows) {
            insert.setLong(1, row.command.conversationId());
            insert.setLong(2, row.seq);
            insert.setString(3, row.command.sender());
            insert.setString(4, row.command.content());
            insert.setString(5, row.command.clientMessageId());
            insert.setTimestamp(6, at);
            insert.addBatch();
        }
        insert.executeBatch();
        try (ResultSet ids = insert.getGeneratedKeys()) {
            for (PendingRow row : rows) {
                if (!ids.next()) {
                    throw new SQLException("fewer generated ids than inserted messages");
                }
                SendCommand c = row.command;
                stored.add(new MessageView(ids.getLong(1), c.conversationId(), row.seq, c.sender(), c.content(),
                        c.clientMessageId(), now));
            }
        }
        return stored;
    }

    /** The conversations' last seq, and each sender's read position (sending reads) and taking part. */
    static void advance(WriterSession session, List<PendingRow> rows, Map<Long, Long> lastSeqs, Instant now)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        Map<List<Object>, Long> readUpTo = new HashMap<>();
        Set<Long> touched = new TreeSet<>();
        for (PendingRow row : rows) {
            touched.add(row.command.conversationId());
            readUpTo.merge(List.of(row.command.conversationId(), row.command.sender()), row.seq, Math::max);
        }
        PreparedStatement conversations = session.prepare(MessageSql.ADVANCE_CONVERSATION);
        for (Long conversation : touched) {
            conversations.setLong(1, lastSeqs.get(conversation));
            conversations.setTimestamp(2, at);
            conversations.setLong(3, conversation);
            conversations.addBatch();
        }
        conversations.executeBatch();
        PreparedStatement reads = session.prepare(MessageSql.ADVANCE_READ);
        for (Map.Entry<List<Object>, Long> read : readUpTo.entrySet()) {
            reads.setLong(1, read.getValue());
            reads.setTimestamp(2, at);
            reads.setLong(3, (Long) read.getKey().get(0));
            reads.setString(4, (String) read.getKey().get(1));
            reads.addBatch();
        }
        reads.executeBatch();
    }
}

