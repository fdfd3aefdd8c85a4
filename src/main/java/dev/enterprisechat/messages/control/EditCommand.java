package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A new content for a stored message: its sender's only, while not deleted, within the edit window. */
public record EditCommand(String sender, String senderConnection, long conversationId, long seq, String content,
                          CompletableFuture<MessageView> result) implements Change {

    public static EditCommand of(String sender, String senderConnection, long conversationId, long seq,
                                 String content) {
        return new EditCommand(sender, senderConnection, conversationId, seq, content, new CompletableFuture<>());
    }

    @Override
    public boolean applyTo(MessageState message, Context context) {
        if (!message.senderId.equals(sender)) {
            throw ChatException.forbidden("only the sender may edit a message");
        }
        if (message.deleted()) {
            throw Change.deleted(message);
        }
        Optional<Duration> window = context.editWindow();
        if (window.isPresent() && context.now().isAfter(message.createdAt.plus(window.get()))) {
            throw ChatException.forbidden("a message may be edited only within " + window.get().toSeconds()
                    + " seconds of sending it");
        }
        if (message.content.equals(content)) {
            return false;
        }
        message.content = content;
        message.editedAt = context.now();
        message.contentChanged = true;
        return true;
    }
}
