package dev.enterprisechat.messages.control;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stored messages a batch names (the messages its changes change, the messages its sends reply to), and the roles
 * of those who delete, read with the batch's lock in the same round trip. A batch that names none (sends that reply to
 * nothing) reads nothing more: the send path keeps its queries.
 */
final class Targets {

    static final String MESSAGES = "SELECT " + MessageState.COLUMNS
            + " FROM messages WHERE conversation_id = ANY (?) AND seq = ANY (?)";

    static final String ROLES =
            "SELECT conversation_id, user_id, role FROM conversation_members WHERE conversation_id = ANY (?) "
                    + "AND user_id = ANY (?)";

    /** (conversation, seq) → the message as read, then as this batch changes it. */
    private final Map<List<Long>, MessageState> messages = new HashMap<>();
    /** (conversation, user) → role. */
    private final Map<List<Object>, String> roles = new HashMap<>();
    final List<WriterSession.Read> reads = new ArrayList<>(2);

    Targets(List<? extends Command> batch) {
        Set<Long> conversations = new HashSet<>();
        Set<Long> seqs = new HashSet<>();
        Set<Long> deletedIn = new HashSet<>();
        Set<String> deleters = new HashSet<>();
        for (Command command : batch) {
            Long seq = command instanceof Change change ? Long.valueOf(change.seq())
                    : ((SendCommand) command).replyToSeq();
            if (seq != null) {
                conversations.add(command.conversationId());
                seqs.add(seq);
            }
            if (command instanceof DeleteCommand) {
                deletedIn.add(command.conversationId());
                deleters.add(command.sender());
            }
        }
        if (!seqs.isEmpty()) {
            reads.add(new MessageSql.Query(MESSAGES, (statement, offset) -> {
                array(statement, offset + 1, "BIGINT", conversations);
                array(statement, offset + 2, "BIGINT", seqs);
            }, rows -> {
                while (rows.next()) {
                    MessageState message = MessageState.read(rows);
                    messages.put(List.of(message.conversationId, message.seq), message);
                }
            }));
        }
        if (!deleters.isEmpty()) {
            reads.add(new MessageSql.Query(ROLES, (statement, offset) -> {
                array(statement, offset + 1, "BIGINT", deletedIn);
                array(statement, offset + 2, "VARCHAR", deleters);
            }, rows -> {
                while (rows.next()) {
                    roles.put(List.of(rows.getLong(1), rows.getString(2)), rows.getString(3));
                }
            }));
        }
    }

    /** The message, as the batch has it so far; null when the conversation has no such seq. */
    MessageState message(long conversationId, long seq) {
        return messages.get(List.of(conversationId, seq));
    }

    /** The user's role in the conversation, when read (deletions); else null. */
    String role(long conversationId, String userId) {
        return roles.get(List.of(conversationId, userId));
    }

    private static void array(PreparedStatement statement, int index, String type, Collection<?> values)
            throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf(type, values.toArray()));
    }
}
