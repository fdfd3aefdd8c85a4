package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;

/**
 * What became of one {@link Command} in a batch: changed now (and announced), found done before (a retry, announced
 * back then), or refused.
 *
 * @param message      the message to answer with; null when refused
 * @param announcement the event that tells the change to the others; null when nothing is to be announced
 * @param refusal      why it was refused; null otherwise
 */
public record Outcome(MessageView message, Broadcast announcement, ChatException refusal) {

    static Outcome changed(MessageView message, Broadcast announcement) {
        return new Outcome(message, announcement, null);
    }

    static Outcome replayed(MessageView message) {
        return new Outcome(message, null, null);
    }

    static Outcome refused(ChatException refusal) {
        return new Outcome(null, null, refusal);
    }

    /** Whether this batch made the change (and it must be announced). */
    public boolean isNew() {
        return announcement != null;
    }
}
