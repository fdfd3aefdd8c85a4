package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.messages.entity.Reaction;
import dev.enterprisechat.messages.entity.ReplyTo;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The changes of one batch ({@link Change}): applied in the batch's order to the messages as read under the lock
 * ({@link Targets}), each one that changes something with the conversation's next rev and its own
 * {@code message_updated}; then each changed message's final state written once, the quotes of the replies to an
 * edited or deleted message, and the conversations' last rev. Nothing of this runs for a batch without changes.
 */
final class Changes {

    static final String MESSAGE_UPDATED = "message_updated";

    static final String UPDATE = """
            UPDATE messages SET content = ?, edited_at = ?, deleted_at = ?, reactions = ?, rev = ? WHERE id = ?""";

    /** The quote in the replies to a message follows its edits, and is erased with it. */
    static final String QUOTES = "UPDATE messages SET reply_excerpt = ? WHERE conversation_id = ? AND reply_to_seq = ?";

    static final String ADVANCE_REV = "UPDATE conversations SET last_rev = ? WHERE id = ?";

    private final MessageStore.Locked locked;
    private final Targets targets;
    private final Optional<Duration> editWindow;
    private final Set<MessageState> changed = new LinkedHashSet<>();
    private final Set<Long> conversations = new TreeSet<>();

    Changes(MessageStore.Locked locked, Targets targets, Optional<Duration> editWindow) {
        this.locked = locked;
        this.targets = targets;
        this.editWindow = editWindow;
    }

    /** Applies one change; its outcome carries the message as this change left it. */
    Outcome apply(Change change) {
        long conversation = change.conversationId();
        Set<String> participants = locked.members().getOrDefault(conversation, Set.of());
        try {
            if (!participants.contains(change.sender())) {
                throw ChatException.forbidden("not a participant of conversation " + conversation);
            }
            MessageState message = targets.message(conversation, change.seq());
            if (message == null) {
                throw ChatException.notFound("no message " + change.seq() + " in conversation " + conversation);
            }
            Change.Context context = new Change.Context(locked.now(), editWindow,
                    !locked.direct().contains(conversation), targets.role(conversation, change.sender()));
            if (!change.applyTo(message, context)) {
                return Outcome.replayed(message.view());
            }
            message.rev = locked.lastRevs().merge(conversation, 1L, Long::sum);
            changed.add(message);
            conversations.add(conversation);
            MessageView view = message.view();
            return Outcome.changed(view, Broadcast.toUsers(MESSAGE_UPDATED, Map.of("message", view), participants,
                    change.senderConnection()));
        } catch (ChatException refused) {
            return Outcome.refused(refused);
        }
    }

    /** Writes the final state of every message changed, the quotes of their replies, the conversations' last rev. */
    void write() throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        WriterSession session = locked.session();
        PreparedStatement update = session.prepare(UPDATE);
        List<MessageState> quoted = new ArrayList<>();
        for (MessageState message : changed) {
            update.setString(1, message.content);
            update.setTimestamp(2, timestamp(message.editedAt));
            update.setTimestamp(3, timestamp(message.deletedAt));
            update.setString(4, Reaction.write(message.reactions));
            update.setLong(5, message.rev);
            update.setLong(6, message.id);
            update.addBatch();
            if (message.contentChanged) {
                quoted.add(message);
            }
        }
        update.executeBatch();
        writeQuotes(session, quoted);
        PreparedStatement advance = session.prepare(ADVANCE_REV);
        for (Long conversation : conversations) {
            advance.setLong(1, locked.lastRevs().get(conversation));
            advance.setLong(2, conversation);
            advance.addBatch();
        }
        advance.executeBatch();
    }

    private static void writeQuotes(WriterSession session, Collection<MessageState> quoted) throws SQLException {
        if (quoted.isEmpty()) {
            return;
        }
        PreparedStatement quotes = session.prepare(QUOTES);
        for (MessageState message : quoted) {
            quotes.setString(1, ReplyTo.excerptOf(message.content));
            quotes.setLong(2, message.conversationId);
            quotes.setLong(3, message.seq);
            quotes.addBatch();
        }
        quotes.executeBatch();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
