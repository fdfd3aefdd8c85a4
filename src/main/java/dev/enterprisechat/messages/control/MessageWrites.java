package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.Sends.PendingRow;
import dev.enterprisechat.messages.entity.MessageView;

import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The writes of a batch of sends: on PostgreSQL one statement for all of them ({@link #STORE}); on H2 (embedded,
 * where a round trip costs nothing, and without data-modifying common table expressions) JDBC batches.
 */
final class MessageWrites {

    /**
     * A batch's writes in one statement (PostgreSQL): its messages, each conversation's last seq and activity, and
     * each sender's read position (sending reads) and taking part. Returns the new rows' ids. A row whose client
     * message id is stored already fails the statement on {@value #CLIENT_ID_UNIQUE} ({@link NotInserted}): a
     * plain insert costs less than one that skips conflicts, and an error is what keeps a commit sent in the same
     * round trip ({@link WriterSession#prepareFinal}) from running.
     */
    static final String STORE = """
            WITH new_rows AS (
                SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[],
                                     ?::bigint[], ?::varchar[], ?::varchar[])
                    AS r (conversation_id, seq, sender_id, content, client_message_id, rev,
                          reply_to_seq, reply_to_sender_id, reply_excerpt)),
            inserted AS (
                INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at, rev,
                                      reply_to_seq, reply_to_sender_id, reply_excerpt)
                SELECT conversation_id, seq, sender_id, content, client_message_id, ?, rev,
                       reply_to_seq, reply_to_sender_id, reply_excerpt FROM new_rows
                RETURNING id, conversation_id, seq),
            advanced AS (
                UPDATE conversations c SET last_seq = n.seq, last_rev = GREATEST(c.last_rev, n.rev),
                                           last_activity_at = ?
                FROM (SELECT conversation_id, max(seq) AS seq, max(rev) AS rev FROM new_rows
                      GROUP BY conversation_id) n
                WHERE c.id = n.conversation_id),
            read AS (
                UPDATE conversation_members m
                SET last_read_seq = GREATEST(m.last_read_seq, n.seq), last_read_at = ?, posted = TRUE
                FROM (SELECT conversation_id, sender_id, max(seq) AS seq FROM new_rows
                      GROUP BY conversation_id, sender_id) n
                WHERE m.conversation_id = n.conversation_id AND m.user_id = n.sender_id)
            SELECT id, conversation_id, seq FROM inserted""";

    /** The constraint a send stored before (same conversation, sender and client message id) meets. */
    static final String CLIENT_ID_UNIQUE = "messages_client_id_unique";

    static final String INSERT = """
            INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at, rev,
                                  reply_to_seq, reply_to_sender_id, reply_excerpt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    static final String ADVANCE_CONVERSATION =
            "UPDATE conversations SET last_seq = ?, last_rev = ?, last_activity_at = ? WHERE id = ?";

    static final String ADVANCE_READ = """
            UPDATE conversation_members SET last_read_seq = GREATEST(last_read_seq, ?), last_read_at = ?, posted = TRUE
            WHERE conversation_id = ? AND user_id = ?""";

    private MessageWrites() {
    }

    /**
     * A send of the batch was not inserted: a message is stored under its client message id already (a retry of a
     * send that was committed, whose ack the client did not get). The batch's transaction must be rolled back: it
     * advanced its conversations past that send's seq.
     */
    static final class NotInserted extends SQLException {
        NotInserted(SQLException conflict) {
            super("a send of the batch is stored already under its client message id", conflict.getSQLState(),
                    conflict);
        }

        /** Whether the database refused an insert because a send was stored before under its client message id. */
        static boolean is(SQLException failure) {
            return "23505".equals(failure.getSQLState()) && failure instanceof PSQLException postgres
                    && postgres.getServerErrorMessage() != null
                    && CLIENT_ID_UNIQUE.equals(postgres.getServerErrorMessage().getConstraint());
        }
    }

    /**
     * Writes the rows (the messages, the conversations' last seq, the senders' read positions); returns each row's
     * stored message, in the rows' order.
     */
    static List<MessageView> write(MessageStore.Locked locked, List<PendingRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        WriterSession session = locked.session();
        Instant now = locked.now();
        if (!session.postgres()) {
            List<MessageView> stored = insert(session, rows, now);
            advance(session, rows, locked, now);
            return stored;
        }
        int n = rows.size();
        Long[] conversations = new Long[n];
        Long[] seqs = new Long[n];
        String[] senders = new String[n];
        String[] contents = new String[n];
        String[] clientIds = new String[n];
        Long[] revs = new Long[n];
        Long[] replySeqs = new Long[n];
        String[] replySenders = new String[n];
        String[] replyExcerpts = new String[n];
        for (int i = 0; i < n; i++) {
            PendingRow row = rows.get(i);
            SendCommand command = row.command;
            conversations[i] = command.conversationId();
            seqs[i] = row.seq;
            senders[i] = command.sender();
            contents[i] = command.content();
            clientIds[i] = command.clientMessageId();
            revs[i] = row.rev;
            if (row.replyTo != null) {
                replySeqs[i] = row.replyTo.seq();
                replySenders[i] = row.replyTo.senderId();
                replyExcerpts[i] = row.replyTo.excerpt();
            }
        }
        Connection db = session.db();
        Timestamp at = Timestamp.from(now);
        PreparedStatement store = session.prepareFinal(STORE);
        store.setArray(1, db.createArrayOf("BIGINT", conversations));
        store.setArray(2, db.createArrayOf("BIGINT", seqs));
        store.setArray(3, db.createArrayOf("VARCHAR", senders));
        store.setArray(4, db.createArrayOf("VARCHAR", contents));
        store.setArray(5, db.createArrayOf("VARCHAR", clientIds));
        store.setArray(6, db.createArrayOf("BIGINT", revs));
        store.setArray(7, db.createArrayOf("BIGINT", replySeqs));
        store.setArray(8, db.createArrayOf("VARCHAR", replySenders));
        store.setArray(9, db.createArrayOf("VARCHAR", replyExcerpts));
        store.setTimestamp(10, at);
        store.setTimestamp(11, at);
        store.setTimestamp(12, at);
        Map<List<Long>, Long> ids = new HashMap<>();
        try {
            store.execute();
        } catch (SQLException failed) {
            throw NotInserted.is(failed) ? new NotInserted(failed) : failed;
        }
        try (ResultSet rs = store.getResultSet()) {
            while (rs.next()) {
                ids.put(List.of(rs.getLong(2), rs.getLong(3)), rs.getLong(1));
            }
        }
        List<MessageView> stored = new ArrayList<>(n);
        for (PendingRow row : rows) {
            Long id = ids.get(List.of(row.command.conversationId(), row.seq));
            if (id == null) {
                throw new SQLException("the insert returned no id for a message of the batch");
            }
            stored.add(row.stored(id, now));
        }
        return stored;
    }

    /** Inserts the rows as one JDBC batch; returns each row's stored message, in the rows' order. */
    private static List<MessageView> insert(WriterSession session, List<PendingRow> rows, Instant now)
            throws SQLException {
        List<MessageView> stored = new ArrayList<>(rows.size());
        Timestamp at = Timestamp.from(now);
        PreparedStatement insert = session.prepareReturningId(INSERT);
        for (PendingRow row : rows) {
            insert.setLong(1, row.command.conversationId());
            insert.setLong(2, row.seq);
            insert.setString(3, row.command.sender());
            insert.setString(4, row.command.content());
            insert.setString(5, row.command.clientMessageId());
            insert.setTimestamp(6, at);
            insert.setLong(7, row.rev);
            insert.setObject(8, row.replyTo == null ? null : row.replyTo.seq(), java.sql.Types.BIGINT);
            insert.setString(9, row.replyTo == null ? null : row.replyTo.senderId());
            insert.setString(10, row.replyTo == null ? null : row.replyTo.excerpt());
            insert.addBatch();
        }
        insert.executeBatch();
        try (ResultSet ids = insert.getGeneratedKeys()) {
            for (PendingRow row : rows) {
                if (!ids.next()) {
                    throw new SQLException("fewer generated ids than inserted messages");
                }
                stored.add(row.stored(ids.getLong(1), now));
            }
        }
        return stored;
    }

    /** The conversations' last seq, and each sender's read position (sending reads) and taking part. */
    private static void advance(WriterSession session, List<PendingRow> rows, MessageStore.Locked locked,
                                Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        Map<List<Object>, Long> readUpTo = new HashMap<>();
        Set<Long> touched = new TreeSet<>();
        for (PendingRow row : rows) {
            touched.add(row.command.conversationId());
            readUpTo.merge(List.of(row.command.conversationId(), row.command.sender()), row.seq, Math::max);
        }
        PreparedStatement conversations = session.prepare(ADVANCE_CONVERSATION);
        for (Long conversation : touched) {
            conversations.setLong(1, locked.lastSeqs().get(conversation));
            conversations.setLong(2, locked.lastRevs().get(conversation));
            conversations.setTimestamp(3, at);
            conversations.setLong(4, conversation);
            conversations.addBatch();
        }
        conversations.executeBatch();
        PreparedStatement reads = session.prepare(ADVANCE_READ);
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
