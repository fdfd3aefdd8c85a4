package dev.enterprisechat.messages.control;

import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.rooms.Broadcaster;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.storage.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.util.PSQLException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stores a batch of commands in ONE transaction (group commit): one commit for many changes is what lets the server
 * persist more messages per second than one-row-per-transaction inserts. The batch's conversation rows are locked in
 * id order (so batches never deadlock) and their memberships read under the lock (which leaving a conversation takes
 * too), with what each kind of command reads, in one round trip; each command then does its part in the batch's order
 * ({@link Sends}, {@link Changes}), and the announcements are staged with the deployment's relay in the same transaction (in cluster
 * mode, that is when they are published).
 * <p>
 * This is the one hot path written in plain JDBC ({@link MessageSql}) rather than through the entity manager, on
 * the writer's own connection and transactions ({@link WriterSession}): Hibernate's per-entity work was a third of
 * the server's CPU per message, and a container transaction, a connection from the pool and freshly prepared
 * statements for every batch were much of the rest of the writer's.
 */
@ApplicationScoped
public class MessageStore {

    /** How many group conversations {@link KnownGroups} remembers (about 6 MB when full). */
    private static final int KNOWN_GROUPS = 100_000;

    @Inject
    Broadcaster broadcaster;

    @Inject
    @ConfigProperty(name = "chat.messages.edit-window")
    Optional<Duration> editWindow;

    /** Group conversations seen under a batch's lock: their batches need no read of blocks. */
    private final KnownGroups knownGroups = new KnownGroups(KNOWN_GROUPS);

    /** What a batch's commands share: its session (and transaction), and its conversations as locked. */
    record Locked(WriterSession session, Map<Long, Long> lastSeqs, Map<Long, Long> lastRevs, Set<Long> direct,
                  Map<Long, Set<String>> members, Instant now) {
    }

    /** A stored batch: one outcome per command in the batch's order, and its announcements, staged. */
    public record Stored(List<Outcome> outcomes, Relay.Staged announcements) {
    }

    /**
     * Stores the batch and commits it. Its commands are applied in the batch's order (so seqs and revs follow it);
     * sends are written together, then the changes.
     *
     * @param locked runs each time an attempt to store the batch holds its conversations' row locks (before it
     *               commits)
     * @return the batch's outcomes, and its announcements to release once committed
     * @throws StoreFailed when the database failed it; it was rolled back
     */
    Stored store(WriterSession session, List<? extends Command> batch, Runnable locked) {
        if (session.postgres()) {
            try {
                return store(session, batch, false, locked);
            } catch (MessageWrites.NotInserted retried) {
                // a send of the batch was stored before (rolled back): again, with the lookup that finds it
            }
        }
        try {
            return store(session, batch, true, locked);
        } catch (MessageWrites.NotInserted unexpected) {
            // the lookup found every send stored before, so this is not one: fail the batch
            throw new StoreFailed(unexpected);
        }
    }

    /**
     * @param lookUpEarlier whether to read the messages stored before under the batch's client message ids, to
     *                      answer retries with them; on PostgreSQL a first attempt goes without (the lookup and its
     *                      planning were a fifth of a batch's work, and a retry is rare): an insert that meets one
     *                      throws {@link MessageWrites.NotInserted}, rolled back
     */
    private Stored store(WriterSession session, List<? extends Command> batch, boolean lookUpEarlier,
                         Runnable lockedRows) throws MessageWrites.NotInserted {
        try {
            Set<Long> conversationIds = new TreeSet<>();
            batch.forEach(command -> conversationIds.add(command.conversationId()));
            Locked locked = new Locked(session, new HashMap<>(), new HashMap<>(), new HashSet<>(), new HashMap<>(),
                    Timestamps.now());
            List<SendCommand> sendCommands = batch.stream().filter(SendCommand.class::isInstance)
                    .map(SendCommand.class::cast).toList();
            // the sends' statement is the transaction's last write when the batch changes nothing else
            session.finalWriteCommits(sendCommands.size() == batch.size() && !broadcaster.stagesInTransaction());
            Sends.Lookups lookups = new Sends.Lookups(sendCommands, conversationIds, session.postgres(),
                    lookUpEarlier, knownGroups.all(conversationIds));
            Targets targets = new Targets(batch);
            List<WriterSession.Read> reads = new ArrayList<>(List.of(
                    MessageSql.lock(conversationIds, locked.lastSeqs(), locked.lastRevs(), locked.direct()),
                    MessageSql.members(conversationIds, locked.members())));
            reads.addAll(lookups.reads);
            reads.addAll(targets.reads);
            session.read(reads);
            lockedRows.run();
            knownGroups.learn(locked.lastSeqs(), locked.direct());
            // never, as a conversation's kind does not change; if it did, blocks are read rather than skipped
            Optional<WriterSession.Read> blocks = lookups.missing(locked.direct());
            if (blocks.isPresent()) {
                session.read(List.of(blocks.get()));
            }
            // each conversation's revision as locked: nothing of it commits between that and the batch's changes
            Map<Long, Long> revsBefore = Map.copyOf(locked.lastRevs());
            List<Outcome> outcomes = apply(locked, lookups, targets, batch);
            List<Relay.Announcement> announcements = new ArrayList<>();
            for (Outcome outcome : outcomes) {
                if (outcome.isNew()) {
                    announcements.add(new Relay.Announcement(outcome.announcement(),
                            outcome.message().conversationId(), outcome.message().rev()));
                }
            }
            Relay.Staged staged = broadcaster.stage(session.db(), new Relay.Announcements(announcements, revsBefore),
                    session.nextStatementMayCommit());
            if (!staged.committed()) {
                session.commit();
            }
            return new Stored(outcomes, staged);
        } catch (MessageWrites.NotInserted retry) {
            if (!session.rollback()) {
                throw StoreFailed.CONNECTION_LOST;
            }
            throw retry;
        } catch (SQLException e) {
            session.rollback();
            throw new StoreFailed(e);
        }
    }

    /** Applies the commands in order, then writes: the sends in one statement, then the changes. */
    private List<Outcome> apply(Locked locked, Sends.Lookups lookups, Targets targets, List<? extends Command> batch)
            throws SQLException {
        Sends sends = new Sends(locked, lookups, targets);
        Changes changes = new Changes(locked, targets, editWindow);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Command command : batch) {
            if (command instanceof SendCommand send) {
                sends.add(send, outcomes);
            } else {
                outcomes.add(changes.apply((Change) command));
            }
        }
        sends.write(outcomes);
        changes.write();
        return outcomes;
    }

    /**
     * The database failed the batch; the transaction was rolled back and every command of the batch is answered.
     * <p>
     * It carries no message text into the log: the driver's own exception quotes the statement with its values
     * (the message content), so only the SQLState and the server's primary message are kept, and a lost connection
     * is kept as such (answered UNAVAILABLE).
     */
    public static class StoreFailed extends RuntimeException {

        /** The connection was lost on the way (answered UNAVAILABLE; the writer opens another). */
        static final StoreFailed CONNECTION_LOST = new StoreFailed(
                new SQLTransientConnectionException("the database connection was lost", "08006"));

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
