package dev.enterprisechat.messages.control;

import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Broadcaster;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.storage.SchemaMigration;
import dev.enterprisechat.storage.Timestamps;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores a batch of commands in ONE transaction (group commit): one commit for many changes is what lets the server
 * persist more messages per second than one-row-per-transaction inserts. The batch's conversation rows are locked in
 * id order (so batches never deadlock) and their memberships read under the lock (which leaving a conversation takes
 * too); each kind of command then does its part ({@link Sends}), and the announcements are staged with the
 * deployment's relay in the same transaction (in cluster mode, that is when they are published).
 * <p>
 * This is the one hot path written in plain JDBC ({@link MessageSql}) rather than through the entity manager:
 * Hibernate's per-entity work was a third of the server's CPU per message. It runs in the container's transaction
 * all the same: the connection comes from the JTA datasource inside this method's transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class MessageStore {

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Inject
    Broadcaster broadcaster;

    /** What a batch's commands share: its transaction, and its conversations as locked. */
    record Locked(Connection db, Map<Long, Long> lastSeqs, Set<Long> direct, Map<Long, Set<String>> members,
                  Instant now) {
    }

    /** A stored batch: one outcome per command in the batch's order, and its announcements, staged. */
    public record Stored(List<Outcome> outcomes, Relay.Staged announcements) {
    }

    /** @return the batch's outcomes; the transaction commits when this returns */
    public Stored store(List<? extends Command> batch) {
        try (Connection db = dataSource.getConnection()) {
            Set<Long> conversationIds = new TreeSet<>();
            batch.forEach(command -> conversationIds.add(command.conversationId()));
            MessageSql.Locked rows = MessageSql.lock(db, conversationIds);
            Locked locked = new Locked(db, rows.lastSeqs(), rows.direct(),
                    MessageSql.members(db, rows.lastSeqs().keySet()), Timestamps.now());
            // sends are the only command yet; a batch of several kinds is applied in runs of one kind, in order
            List<Outcome> outcomes = Sends.apply(locked, batch.stream().map(SendCommand.class::cast).toList());
            List<Broadcast> announcements = new ArrayList<>();
            outcomes.stream().filter(Outcome::isNew).forEach(outcome -> announcements.add(outcome.announcement()));
            return new Stored(outcomes, broadcaster.stage(db, announcements));
        } catch (SQLException e) {
            throw new StoreFailed(e);
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
