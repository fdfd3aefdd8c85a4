package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.messages.entity.Reaction;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Takes back the requester's own reaction; removing one they do not have changes nothing. */
public record RemoveReactionCommand(String sender, String senderConnection, long conversationId, long seq,
                                    String emoji, CompletableFuture<MessageView> result) implements Change {

    public static RemoveReactionCommand of(String sender, String senderConnection, long conversationId, long seq,
                                           String emoji) {
        return new RemoveReactionCommand(sender, senderConnection, conversationId, seq, emoji,
                new CompletableFuture<>());
    }

    @Override
    public boolean applyTo(MessageState message, Context context) {
        if (message.deleted()) {
            throw Change.deleted(message);
        }
        List<Reaction> reactions = message.reactions;
        for (int i = 0; i < reactions.size(); i++) {
            Reaction reaction = reactions.get(i);
            if (reaction.emoji().equals(emoji) && reaction.userIds().contains(sender)) {
                List<String> users = new ArrayList<>(reaction.userIds());
                users.remove(sender);
                if (users.isEmpty()) {
                    reactions.remove(i);
                } else {
                    reactions.set(i, new Reaction(emoji, List.copyOf(users)));
                }
                return true;
            }
        }
        return false;
    }
}
