package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;

import java.util.Set;

/**
 * What became of one {@link SendCommand} in a batch: stored now (to be announced), found stored before (a retry,
 * announced back then), or refused.
 *
 * @param message      the message to answer with; null when refused
 * @param isNew        whether this batch stored it (and it must be announced)
 * @param participants who to announce it to
 * @param refusal      why it was refused; null otherwise
 */
public record Outcome(MessageView message, boolean isNew, Set<String> participants, ChatException refusal) {

    static Outcome stored(MessageView message, Set<String> participants) {
        return new Outcome(message, true, participants, null);
    }

    static Outcome replayed(MessageView message) {
        return new Outcome(message, false, Set.of(), null);
    }

    static Outcome refused(ChatException refusal) {
        return new Outcome(null, false, Set.of(), refusal);
    }
}
