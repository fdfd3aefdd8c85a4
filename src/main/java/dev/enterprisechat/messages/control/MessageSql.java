package dev.enterprisechat.messages.control;

/**
 * The SQL of the send path, written for PostgreSQL and H2 (PostgreSQL mode) alike. Arrays are bound as JDBC
 * arrays, so each statement is one prepared plan whatever the batch size.
 */
final class MessageSql {

    static final String MEMBERS =
            "SELECT conversation_id, user_id FROM conversation_members WHERE conversation_id = ANY (?)";

    static final String LOCK =
            "SELECT id, last_seq FROM conversations WHERE id = ANY (?) ORDER BY id FOR UPDATE";

    static final String BY_CLIENT_IDS = """
            SELECT id, conversation_id, seq, sender_id, content, client_message_id, created_at FROM messages
            WHERE conversation_id = ANY (?) AND client_message_id = ANY (?)""";

    static final String INSERT = """
            INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?)""";

    static final String ADVANCE_CONVERSATION =
            "UPDATE conversations SET last_seq = ?, last_activity_at = ? WHERE id = ?";

    static final String ADVANCE_READ = """
            UPDATE conversation_members SET last_read_seq = ?, last_read_at = ?
            WHERE conversation_id = ? AND user_id = ? AND last_read_seq < ?""";

    private MessageSql() {
    }
}
