package dev.enterprisechat.messages.control;

import dev.enterprisechat.cluster.control.EventLog;
import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.storage.SchemaMigration;
import jakarta.annotation.Resource;
import jakarta.ejb.ApplicationException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.postgresql.util.PSQLException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
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
 * whatever its size: the conversation rows locked in id order (so batches never deadlock), their memberships (read
 * under the lock, which leaving a conversation takes too), the blocks between the users of direct conversations
 * (only when the batch has some), earlier client message ids, then the inserts and the two updates as JDBC batches
 * ({@link MessageSql}).
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

    @Inject
    EventLog eventLog;

    /**
     * @param ackKey in cluster mode, the key for the last notification of the batch (see
     *               {@link EventLog#whenDelivered}): the new messages are then announced through the event log in
     *               this transaction; null on a single instance, where the writer announces them after the commit
     * @return one outcome per command, in the batch's order; the transaction commits when this returns
     */
    public List<Outcome> store(List<SendCommand> batch, String ackKey) {
        try (Connection db = dataSource.getConnection()) {
            List<Outcome> outcomes = store(db, batch);
            if (ackKey != null) {
                announce(db, batch, outcomes, ackKey);
            }
            return outcomes;
        } catch (SQLException e) {
            throw new StoreFailed(e);
        }
    }

    private void announce(Connection db, List<SendCommand> batch, List<Outcome> outcomes, String ackKey)
            throws SQLException {
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i).isNew()) {
                fresh.add(i);
            }
        }
        List<String> notifications = new ArrayList<>(fresh.size());
        for (int i : fresh) {
            Outcome outcome = outcomes.get(i);
            boolean last = notifications.size() == fresh.size() - 1;
            notifications.add(eventLog.notification(MessageWriter.announcement(batch.get(i), outcome),
                    last ? ackKey : null));
        }
        eventLog.publish(db, notifications);
    }

    private List<Outcome> store(Connection db, List<SendCommand> batch) throws SQLException {
        Set<Long> conversationIds = new TreeSet<>();
        batch.forEach(command -> conversationIds.add(command.conversationId()));
        MessageSql.Locked locked = MessageSql.lock(db, conversationIds);
        Map<Long, Long> lastSeqs = locked.lastSeqs();
        Map<Long, Set<String>> members = MessageSql.members(db, lastSeqs.keySet());
        Set<List<String>> blocks = blocks(db, batch, locked.direct(), members);
        Map<ClientKey, MessageView> earlier = MessageSql.earlier(db, batch);
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
            if (locked.direct().contains(command.conversationId())
                    && blockedBy(blocks, command.sender(), participants)) {
                outcomes.add(Outcome.refused(ChatException.forbidden("this user does not accept your messages")));
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
        MessageSql.insert(db, rows, now, outcomes);
        MessageSql.advance(db, rows, lastSeqs, now);
        return outcomes;
    }

    /** The blocks between the senders and the other users of the batch's direct conversations. */
    private static Set<List<String>> blocks(Connection db, List<SendCommand> batch, Set<Long> direct,
                                            Map<Long, Set<String>> members) throws SQLException {
        Set<String> senders = new HashSet<>();
        Set<String> recipients = new HashSet<>();
        for (SendCommand command : batch) {
            if (direct.contains(command.conversationId())) {
                senders.add(command.sender());
                recipients.addAll(members.getOrDefault(command.conversationId(), Set.of()));
            }
        }
        return MessageSql.blocks(db, senders, recipients);
    }

    private static boolean blockedBy(Set<List<String>> blocks, String sender, Set<String> participants) {
        for (String other : participants) {
            if (!other.equals(sender) && blocks.contains(List.of(other, sender))) {
                return true;
            }
        }
        return false;
    }

    /** A message of the batch on its way into the table. */
    static final class PendingRow {
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

    /**
     * The database failed the batch; the transaction rolls back and every send of the batch is answered. An
     * application exception, so that the container does not log it again as a fault of its own.
     * <p>
     * It carries no message text into the log: the driver's own exception quotes the statement with its values
     * (the message content), so only the SQLState and the server's primary message are kept, and a lost connection
     * is kept as such (answered UNAVAILABLE).
     */
    @ApplicationException(rollback = true)
    public static class StoreFailed extends RuntimeException {
        StoreFailed(SQLException cause) {
            super(describe(cause), Faults.databaseUnavailable(cause)
                    ? new SQLTransientConnectionException("the database connection was lost", cause.getSQLState())
                    : null);
        }

        private static String describe(SQLException failure) {
            SQLException first = failure.getNextException() != null ? failure.getNextException() : failure;
            String reason = first instanceof PSQLException postgres && postgres.getServerErrorMessage() != null
                    ? postgres.getServerErrorMessage().getMessage() : first.getClass().getSimpleName();
            return "the database refused the batch: " + reason + " (SQLState " + first.getSQLState() + ")";
        }
    }
}
