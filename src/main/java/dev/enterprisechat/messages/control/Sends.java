package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The send command's part of a batch: checks (participant, not blocked in a direct conversation), idempotency by
 * client message id (a retry, or the same send twice in one batch, is answered with the stored message), seqs taken
 * under the conversation's lock, and the rows written (SQL in {@link MessageSql}). What it reads (earlier client
 * message ids, blocks) goes with the batch's lock, in the same round trip.
 */
final class Sends {

    static final String NEW_MESSAGE = "new_message";

    private Sends() {
    }

    /** What the sends of a batch read under its lock: earlier client message ids, and blocks in direct conversations. */
    static final class Lookups {
        final Map<ClientKey, MessageView> earlier = new HashMap<>();
        final Set<List<String>> blocks = new HashSet<>();
        final List<WriterSession.Read> reads;

        Lookups(List<SendCommand> batch, Set<Long> conversationIds) {
            Set<String> senders = new HashSet<>();
            batch.forEach(command -> senders.add(command.sender()));
            reads = List.of(MessageSql.earlier(batch, earlier),
                    MessageSql.blocks(conversationIds, senders, blocks));
        }
    }

    /**
     * Stores the sends of a batch (in the batch's transaction, its conversations locked and its {@link Lookups} read
     * with the lock) with one statement whatever their number.
     *
     * @return one outcome per send, in order
     */
    static List<Outcome> apply(MessageStore.Locked batchState, Lookups lookups, List<SendCommand> batch)
            throws SQLException {
        WriterSession db = batchState.session();
        Map<Long, Long> lastSeqs = batchState.lastSeqs();
        Map<Long, Set<String>> members = batchState.members();
        Set<Long> direct = batchState.direct();
        Set<List<String>> blocks = lookups.blocks;
        Map<ClientKey, MessageView> earlier = lookups.earlier;
        Instant now = batchState.now();
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
            if (direct.contains(command.conversationId())
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
        List<MessageView> stored = MessageWrites.write(db, rows, lastSeqs, now);
        for (int i = 0; i < rows.size(); i++) {
            PendingRow row = rows.get(i);
            MessageView message = stored.get(i);
            outcomes.set(row.position, Outcome.changed(message, announcement(row, message)));
            row.duplicates.forEach(position -> outcomes.set(position, Outcome.replayed(message)));
        }
        return outcomes;
    }

    /** The {@code new_message} event of a stored message: to every participant, except the sending connection. */
    private static Broadcast announcement(PendingRow row, MessageView message) {
        return Broadcast.toUsers(NEW_MESSAGE, Map.of("message", message), row.participants,
                row.command.senderConnection());
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

        MessageView stored(long id, Instant at) {
            return new MessageView(id, command.conversationId(), seq, command.sender(), command.content(),
                    command.clientMessageId(), at);
        }
    }

}
