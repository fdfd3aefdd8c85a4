package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.messages.entity.Reaction;
import dev.enterprisechat.protocol.ChatException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A participant's reaction to a message; one they already have changes nothing. */
public record AddReactionCommand(String sender, String senderConnection, long conversationId, long seq, String emoji,
                                 CompletableFuture<MessageView> result) implements Change {

    /** Distinct emoji per message. */
    static final int MAX_EMOJI = 20;

    public static AddReactionCommand of(String sender, String senderConnection, long conversationId, long seq,
                                        String emoji) {
        return new AddReactionCommand(sender, senderConnection, conversationId, seq, emoji, new CompletableFuture<>());
    }

    @Override
    public boolean applyTo(MessageState message, Context context) {
        if (message.deleted()) {
            throw Change.deleted(message);
        }
        List<Reaction> reactions = message.reactions;
        for (int i = 0; i < reactions.size(); i++) {
            Reaction reaction = reactions.get(i);
            if (reaction.emoji().equals(emoji)) {
                if (reaction.userIds().contains(sender)) {
                    return false;
                }
                List<String> users = new ArrayList<>(reaction.userIds());
                users.add(sender);
                reactions.set(i, new Reaction(emoji, List.copyOf(users)));
                return true;
            }
        }
        if (reactions.size() >= MAX_EMOJI) {
            throw ChatException.conflict("a message holds at most " + MAX_EMOJI + " different reactions");
        }
        reactions.add(new Reaction(emoji, List.of(sender)));
        return true;
    }
}
