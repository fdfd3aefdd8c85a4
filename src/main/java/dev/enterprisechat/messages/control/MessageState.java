package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.messages.entity.Reaction;
import dev.enterprisechat.messages.entity.ReplyTo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stored message as a batch reads it under its conversation's lock and changes it (edits, deletion, reactions)
 * before writing its final state back; {@link #view()} is its state after each change, for that change's answer.
 */
final class MessageState {

    /** The columns {@link #read(ResultSet)} expects, in order. */
    static final String COLUMNS = "id, conversation_id, seq, sender_id, content, client_message_id, created_at, "
            + "edited_at, deleted_at, reply_to_seq, reply_to_sender_id, reply_excerpt, reactions, rev";

    final long id;
    final long conversationId;
    final long seq;
    final String senderId;
    final Instant createdAt;
    private final String clientMessageId;
    private final ReplyTo replyTo;
    String content;
    Instant editedAt;
    Instant deletedAt;
    final List<Reaction> reactions;
    long rev;
    /** Whether a change of this batch touched it (its final state is written). */
    boolean changed;
    /** Whether its content changed (the quotes of its replies are written too). */
    boolean contentChanged;

    private MessageState(ResultSet row) throws SQLException {
        id = row.getLong(1);
        conversationId = row.getLong(2);
        seq = row.getLong(3);
        senderId = row.getString(4);
        content = row.getString(5);
        clientMessageId = row.getString(6);
        createdAt = row.getTimestamp(7).toInstant();
        editedAt = instant(row.getTimestamp(8));
        deletedAt = instant(row.getTimestamp(9));
        long replySeq = row.getLong(10);
        replyTo = row.wasNull() ? null : new ReplyTo(replySeq, row.getString(11), row.getString(12));
        reactions = new ArrayList<>(Reaction.parse(row.getString(13)));
        rev = row.getLong(14);
    }

    /** The message of the current row of {@code rows}, selected with {@link #COLUMNS}. */
    static MessageState read(ResultSet rows) throws SQLException {
        return new MessageState(rows);
    }

    boolean deleted() {
        return deletedAt != null;
    }

    MessageView view() {
        return new MessageView(id, conversationId, seq, senderId, content, clientMessageId, createdAt, editedAt,
                deletedAt, replyTo, List.copyOf(reactions), rev);
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
