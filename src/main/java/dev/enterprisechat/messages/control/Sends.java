package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.control.SendCommand.ClientKey;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.messages.entity.ReplyTo;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The send command's part of a batch: checks (participant, not blocked in a direct conversation, the replied-to
 * message exists), idempotency by client message id (a retry, or the same send twice in one batch, is answered with
 * the stored message), seqs and revs taken under the conversation's lock, and the rows written with one statement
 * ({@link MessageWrites}). What it reads (earlier client message ids, blocks) goes with the batch's lock, in the same
 * round trip.
 */
final class Sends {

    static final String NEW_MESSAGE = "new_message";

    private final MessageStore.Locked locked;
    private final Lookups lookups;
    private final Targets targets;
    private final List<PendingRow> rows = new ArrayList<>();
    private final Map<ClientKey, Integer> pendingKeys = new HashMap<>();

    Sends(MessageStore.Locked locked, Lookups lookups, Targets targets) {
        this.locked = locked;
        this.lookups = lookups;
        this.targets = targets;
    }

    /** What the sends of a batch read under its lock: earlier client message ids, and blocks in direct conversations. */
    static final class Lookups {
        final Map<ClientKey, MessageView> earlier = new HashMap<>();
        final Set<List<String>> blocks = new HashSet<>();
        final List<WriterSession.Read> reads;
        private final Set<Long> conversationIds;
        private final Set<String> senders = new HashSet<>();
        private boolean blocksRead;

        /**
         * @param earlierToo whether to look the batch's client message ids up; without, a send stored before is
         *                   found by its insert ({@link MessageWrites.NotInserted}), and the batch is stored again
         *                   with the lookup
         * @param allGroups  whether every conversation of the batch is known to be a group conversation: blocks,
         *                   honoured in direct conversations only, are then not read
         */
        Lookups(List<SendCommand> batch, Set<Long> conversationIds, boolean postgres, boolean earlierToo,
                boolean allGroups) {
            this.conversationIds = conversationIds;
            batch.forEach(command -> senders.add(command.sender()));
            List<WriterSession.Read> queries = new ArrayList<>(2);
            if (!batch.isEmpty() && earlierToo) {
                queries.add(MessageSql.earlier(batch, earlier, postgres));
            }
            if (!batch.isEmpty() && !allGroups) {
                queries.add(blocks());
            }
            reads = List.copyOf(queries);
        }

        /**
         * The read of blocks, when it was left out and the lock found a direct conversation after all: never, as a
         * conversation's kind does not change and only locked conversations are learnt; a safeguard, not a path.
         */
        Optional<WriterSession.Read> missing(Set<Long> direct) {
            return blocksRead || senders.isEmpty() || direct.isEmpty() ? Optional.empty() : Optional.of(blocks());
        }

        private WriterSession.Read blocks() {
            blocksRead = true;
            return MessageSql.blocks(conversationIds, senders, blocks);
        }
    }

    /**
     * Checks a send and takes its seq and rev; its outcome (at {@code outcomes}' end) is set now when it is refused
     * or a retry, and by {@link #write(List)} once stored.
     */
    void add(SendCommand command, List<Outcome> outcomes) {
        Set<String> participants = locked.members().getOrDefault(command.conversationId(), Set.of());
        if (!participants.contains(command.sender())) {
            outcomes.add(Outcome.refused(ChatException.forbidden(
                    "not a participant of conversation " + command.conversationId())));
            return;
        }
        if (locked.direct().contains(command.conversationId())
                && blockedBy(lookups.blocks, command.sender(), participants)) {
            outcomes.add(Outcome.refused(ChatException.forbidden("this user does not accept your messages")));
            return;
        }
        ClientKey key = command.clientKey();
        if (key != null && lookups.earlier.containsKey(key)) {
            outcomes.add(Outcome.replayed(lookups.earlier.get(key)));
            return;
        }
        if (key != null && pendingKeys.containsKey(key)) {
            // the same send twice in one batch: answer the second with the first once it has its id
            outcomes.add(null);
            rows.get(pendingKeys.get(key)).duplicates.add(outcomes.size() - 1);
            return;
        }
        ReplyTo replyTo = null;
        if (command.replyToSeq() != null) {
            MessageState original = targets.message(command.conversationId(), command.replyToSeq());
            if (original == null) {
                outcomes.add(Outcome.refused(ChatException.notFound("no message " + command.replyToSeq()
                        + " in conversation " + command.conversationId())));
                return;
            }
            replyTo = new ReplyTo(original.seq, original.senderId, ReplyTo.excerptOf(original.content));
        }
        long seq = locked.lastSeqs().merge(command.conversationId(), 1L, Long::sum);
        long rev = locked.lastRevs().merge(command.conversationId(), 1L, Long::sum);
        if (key != null) {
            pendingKeys.put(key, rows.size());
        }
        rows.add(new PendingRow(command, seq, rev, replyTo, participants, outcomes.size()));
        outcomes.add(null);
    }

    /** Stores the sends added (one statement whatever their number) and sets their outcomes. */
    void write(List<Outcome> outcomes) throws SQLException {
        List<MessageView> stored = MessageWrites.write(locked, rows);
        for (int i = 0; i < rows.size(); i++) {
            PendingRow row = rows.get(i);
            MessageView message = stored.get(i);
            outcomes.set(row.position, Outcome.changed(message, announcement(row, message)));
            row.duplicates.forEach(position -> outcomes.set(position, Outcome.replayed(message)));
        }
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
        final long rev;
        final ReplyTo replyTo;
        final Set<String> participants;
        final int position;
        final List<Integer> duplicates = new ArrayList<>(0);

        PendingRow(SendCommand command, long seq, long rev, ReplyTo replyTo, Set<String> participants, int position) {
            this.command = command;
            this.seq = seq;
            this.rev = rev;
            this.replyTo = replyTo;
            this.participants = participants;
            this.position = position;
        }

        MessageView stored(long id, Instant at) {
            return new MessageView(id, command.conversationId(), seq, command.sender(), command.content(),
                    command.clientMessageId(), at, null, null, replyTo, List.of(), rev);
        }
    }
}
