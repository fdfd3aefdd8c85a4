package dev.enterprisechat.messages.control;

import dev.enterprisechat.protocol.ChatException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A change to a stored message (an edit, a deletion, a reaction added or removed), applied by the writer of its
 * conversation under the conversation's lock ({@link Changes}): one that changes something takes the conversation's
 * next rev and is announced as {@code message_updated}; one that changes nothing (a retry, an identical edit) is
 * answered with the message as it is and announced to no one.
 */
public sealed interface Change extends Command
        permits EditCommand, DeleteCommand, AddReactionCommand, RemoveReactionCommand {

    /** The seq of the message changed. */
    long seq();

    /** The connection it came on (it gets the ack, not the event). */
    String senderConnection();

    /**
     * Applies the change to the message's state.
     *
     * @return whether anything changed
     * @throws ChatException when the change is refused (the message is left as it was)
     */
    boolean applyTo(MessageState message, Context context);

    /**
     * What a change is checked against besides the message.
     *
     * @param now        the batch's time
     * @param editWindow how long after sending a message may be edited; empty: always
     * @param group      whether the conversation is a group's or an ad-hoc one (not direct)
     * @param role       the requester's role in the conversation ({@code owner}, {@code admin}, {@code member}), or
     *                   null when it was not read (only deletions need it)
     */
    record Context(Instant now, Optional<Duration> editWindow, boolean group, String role) {
    }

    static ChatException deleted(MessageState message) {
        return ChatException.conflict("message " + message.seq + " was deleted");
    }
}
