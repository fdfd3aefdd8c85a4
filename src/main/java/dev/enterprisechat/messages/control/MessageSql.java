package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.MessageView;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL of the send path and its binding, written for PostgreSQL and H2 (PostgreSQL mode) alike. Arrays are bound
 * as JDBC arrays, so each statement is one prepared plan whatever the batch size. A batch costs three round trips on
 * PostgreSQL: its reads together ({@link WriterSession#read(List)}), its writes as one statement
 * ({@link MessageWrites}), and the commit.
 */
final class MessageSql {

    static final String LOCK =
            "SELECT id, last_seq, kind, last_rev FROM conversations WHERE id = ANY (?) ORDER BY id FOR UPDATE";

    static final String MEMBERS =
            "SELECT conversation_id, user_id FROM conversation_members WHERE conversation_id = ANY (?)";

    /** Who, among the members of the batch's direct conversations, blocks one of its senders. */
    static final String BLOCKS = """
            SELECT b.blocker_id, b.blocked_id FROM user_blocks b
            JOIN conversation_members m ON m.user_id = b.blocker_id
            JOIN conversations c ON c.id = m.conversation_id AND c.kind = 'direct'
            WHERE m.conversation_id = ANY (?) AND b.blocked_id = ANY (?)""";

    /**
     * On PostgreSQL: each (conversation, sender, client message id) of the batch looked up on its own in the unique
     * index of those three columns, whatever the size of the table or the statistics the cached plan was made with.
     * (Matching {@code conversation_id = ANY (?)} first read every message of the batch's conversations, or the
     * whole table when a generic plan chose a sequential scan: a cost per batch that grew with the history.)
     */
    static final String BY_CLIENT_KEYS = "SELECT " + MessageState.COLUMNS + """
             FROM unnest(?::bigint[], ?::varchar[], ?::varchar[]) AS k (c, s, cm)
            CROSS JOIN LATERAL (SELECT * FROM messages m
                                WHERE m.conversation_id = k.c AND m.sender_id = k.s AND m.client_message_id = k.cm
                                LIMIT 1) m""";

    /** On the embedded database (for trying the server out; no typed array parameters there). */
    static final String BY_CLIENT_IDS = "SELECT " + MessageState.COLUMNS + """
             FROM messages
            WHERE conversation_id = ANY (?) AND client_message_id = ANY (?)""";

    private MessageSql() {
    }

    /** How a query's parameters are bound, from its first one ({@code offset + 1}). */
    interface Binding {
        void bind(PreparedStatement statement, int offset) throws SQLException;
    }

    /** What a query makes of its rows. */
    interface Rows {
        void read(ResultSet rows) throws SQLException;
    }

    record Query(String sql, Binding binding, Rows reader) implements WriterSession.Read {
        @Override
        public void bind(PreparedStatement statement, int offset) throws SQLException {
            binding.bind(statement, offset);
        }

        @Override
        public void rows(ResultSet rows) throws SQLException {
            reader.read(rows);
        }
    }

    /**
     * Locks the rows in id order, into {@code lastSeqs}, {@code lastRevs} and {@code direct} (the direct conversations
     * among them): seqs and revs are taken under the lock, so they commit in their order; and memberships read after
     * it cannot change before the commit (leaving a conversation takes the same lock).
     */
    static Query lock(Set<Long> conversationIds, Map<Long, Long> lastSeqs, Map<Long, Long> lastRevs, Set<Long> direct) {
        return new Query(LOCK, (statement, offset) -> array(statement, offset + 1, "BIGINT", conversationIds), rs -> {
            while (rs.next()) {
                lastSeqs.put(rs.getLong(1), rs.getLong(2));
                lastRevs.put(rs.getLong(1), rs.getLong(4));
                if ("direct".equals(rs.getString(3))) {
                    direct.add(rs.getLong(1));
                }
            }
        });
    }

    /** The conversations' members, into {@code members}; read after the lock. */
    static Query members(Set<Long> conversationIds, Map<Long, Set<String>> members) {
        return new Query(MEMBERS, (statement, offset) -> array(statement, offset + 1, "BIGINT", conversationIds),
                rs -> {
                    while (rs.next()) {
                        members.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
                    }
                });
    }

    /** The (blocker, blocked) pairs where a member of one of these direct conversations blocks one of the senders. */
    static Query blocks(Set<Long> conversationIds, Set<String> senders, Set<List<String>> pairs) {
        return new Query(BLOCKS, (statement, offset) -> {
            array(statement, offset + 1, "BIGINT", conversationIds);
            array(statement, offset + 2, "VARCHAR", senders);
        }, rs -> {
            while (rs.next()) {
                pairs.add(List.of(rs.getString(1), rs.getString(2)));
            }
        });
    }

    /** Messages stored before under the client message ids of the batch (read after the lock: none can race). */
    static Query earlier(List<SendCommand> batch, Map<ClientKey, MessageView> earlier, boolean postgres) {
        Set<ClientKey> keys = new LinkedHashSet<>();
        for (SendCommand command : batch) {
            if (command.clientKey() != null) {
                keys.add(command.clientKey());
            }
        }
        Binding binding = postgres ? (statement, offset) -> {
            array(statement, offset + 1, "BIGINT", keys.stream().map(ClientKey::conversationId).toList());
            array(statement, offset + 2, "VARCHAR", keys.stream().map(ClientKey::sender).toList());
            array(statement, offset + 3, "VARCHAR", keys.stream().map(ClientKey::clientMessageId).toList());
        } : (statement, offset) -> {
            array(statement, offset + 1, "BIGINT", keys.stream().map(ClientKey::conversationId).toList());
            array(statement, offset + 2, "VARCHAR", keys.stream().map(ClientKey::clientMessageId).toList());
        };
        return new Query(postgres ? BY_CLIENT_KEYS : BY_CLIENT_IDS, binding, rs -> {
            while (rs.next()) {
                MessageView message = MessageState.read(rs).view();
                earlier.put(new ClientKey(message.conversationId(), message.senderId(),
                        message.clientMessageId()), message);
            }
        });
    }

    private static void array(PreparedStatement statement, int index, String type, Collection<?> values)
            throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf(type, values.toArray()));
    }
}
