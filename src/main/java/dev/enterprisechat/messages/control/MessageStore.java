package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores a batch of sends in ONE transaction (group commit): one commit for many messages is what lets the server
 * persist more messages per second than one-row-per-transaction inserts. A fixed number of round trips per batch,
 * whatever its size: memberships, the conversation rows locked in id order (so batches never deadlock), earlier
 * client message ids, then the inserts and the two updates as JDBC batches.
 * <p>
 * This is the one hot path written in plain JDBC (SQL in {@link MessageSql}) rather than through the entity
 * manager: Hibernate's per-entity work was a third of the server's CPU per message. It runs in the container's
 * transaction all the same: the connection comes from the JTA datasource inside this method's transaction.
 * Timestamps go through {@code get/setTimestamp}: the pool's wrapper finds {@code getObject(int, Class)} by
 * reflection on every call.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MessageStore {

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    /** @return one outcome per command, in the batch's order; the transaction commits when this returns */
    public List<Outcome> store(List<SendCommand> batch) {
        try (Connection db = dataSource.getConnection()) {
            return store(db, batch);
        } catch (SQLException e) {
            throw new StoreFailed(e);
        }
    }

    private List<Outcome> store(Connection db, List<SendCommand> batch) throws SQLException {
        Set<Long> conversationIds = new TreeSet<>();
        batch.forEach(command -> conversationIds.add(command.conversationId()));
        Map<Long, Set<String>> members = members(db, conversationIds);
        Map<Long, Long> lastSeqs = lock(db, members.keySet());
        Map<ClientKey, MessageView> earlier = earlier(db, batch);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<PendingRow> rows = new ArrayList<>();
        Map<ClientKey, Integer> pendingKeys = new HashMap<>();
        for (SendCommand command : batch) {
            Set<String> participants = members.getOrDefault(command.conversationId(), Set.of());
            if (!participants.contains(command.sender())) {
                outcomes.add(Outcome.refused(ChatException.forbidden(
                        "not a participant of conversation " + command.conversationId())));
                continue;
            }
            ClientKey key = command.clientKey();
            if (key != null && earlier.containsKey(key)) {
                outcomes.add(Outcome.replayed(earlier.get(key)));
                continue;
            }
            if (key != null && pendingKeys.containsKey(key)) {
                // the same send twice in one batch: answer the second with the first once it has its id
                outcomes.add(null);
                rows.get(pendingKeys.get(key)).duplicates.add(outcomes.size() - 1);
                continue;
            }
            long seq = lastSeqs.merge(command.conversationId(), 1L, Long::sum);
            if (key != null) {
                pendingKeys.put(key, rows.size());
            }
            rows.add(new PendingRow(command, seq, participants, outcomes.size()));
            outcomes.add(null);
        }
        insert(db, rows, now, outcomes);
        advance(db, rows, lastSeqs, now);
        return outcomes;
    }

    private static Map<Long, Set<String>> members(Connection db, Set<Long> conversationIds) throws SQLException {
        Map<Long, Set<String>> members = new HashMap<>();
        try (PreparedStatement query = db.prepareStatement(MessageSql.MEMBERS)) {
            query.setArray(1, db.createArrayOf("BIGINT", conversationIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getLong(1), id -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return members;
    }

    /** Locks the rows in id order: seqs are taken under the lock, so they commit in seq order. */
    private static Map<Long, Long> lock(Connection db, Set<Long> conversationIds) throws SQLException {
        Map<Long, Long> lastSeqs = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return lastSeqs;
        }
        try (PreparedStatement query = db.prepareStatement(MessageSql.LOCK)) {
            query.setArray(1, db.createArrayOf("BIGINT", new TreeSet<>(conversationIds).toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    lastSeqs.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return lastSeqs;
    }

    /** Messages stored before under the client message ids of the batch (read after the lock: none can race). */
    private static Map<ClientKey, MessageView> earlier(Connection db, List<SendCommand> batch) throws SQLException {
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
        try (PreparedStatement query = db.prepareStatement(MessageSql.BY_CLIENT_IDS)) {
            query.setArray(1, db.createArrayOf("BIGINT", conversations.toArray()));
            query.setArray(2, db.createArrayOf("VARCHAR", clientIds.toArray()));
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    MessageView message = new MessageView(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                            rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant());
                    earlier.put(new ClientKey(message.conversationId(), message.senderId(),
                            message.clientMessageId()), message);
                }
            }
        }
        return earlier;
    }

    private static void insert(Connection db, List<PendingRow> rows, Instant now, List<Outcome> outcomes)
            throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement insert = db.prepareStatement(MessageSql.INSERT, new String[]{"id"})) {
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
                    MessageView message = new MessageView(ids.getLong(1), c.conversationId(), row.seq, c.sender(),
                            c.content(), c.clientMessageId(), now);
                    outcomes.set(row.position, Outcome.stored(message, row.participants));
                    row.duplicates.forEach(position -> outcomes.set(position, Outcome.replayed(message)));
                }
            }
        }
    }

    /** The conversations' last seq, and each sender's read position: sending reads. */
    private static void advance(Connection db, List<PendingRow> rows, Map<Long, Long> lastSeqs, Instant now)
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
        try (PreparedStatement update = db.prepareStatement(MessageSql.ADVANCE_CONVERSATION)) {
            for (Long conversation : touched) {
                update.setLong(1, lastSeqs.get(conversation));
                update.setTimestamp(2, at);
                update.setLong(3, conversation);
                update.addBatch();
            }
            update.executeBatch();
        }
        try (PreparedStatement update = db.prepareStatement(MessageSql.ADVANCE_READ)) {
            for (Map.Entry<List<Object>, Long> read : readUpTo.entrySet()) {
                update.setLong(1, read.getValue());
                update.setTimestamp(2, at);
                update.setLong(3, (Long) read.getKey().get(0));
                update.setString(4, (String) read.getKey().get(1));
                update.setLong(5, read.getValue());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** A message of the batch on its way into the table. */
    private static final class PendingRow {
        final SendCommand command;
        final long seq;
        final Set<String> participants;
        final int position;
        final List<Integer> duplicates = new ArrayList<>(0);

        PendingRow(SendCommand command, long seq, Set<String> participants, int position) {
            this.command = command;
            this.seq = seq;
            this.participants = participants;
            this.position = position;
        }
    }

    /** The database failed the batch; the transaction rolls back and every send of the batch is answered. */
    public static class StoreFailed extends RuntimeException {
        StoreFailed(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
