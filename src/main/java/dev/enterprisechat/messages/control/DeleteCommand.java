package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The deletion of a stored message, by its sender or, in a group, by an owner or admin. It erases: the content
 * becomes "" and the reactions go (the quotes of its replies too, {@link Changes}); seq and id stay. Deleting a
 * deleted message changes nothing.
 */
public record DeleteCommand(String sender, String senderConnection, long conversationId, long seq,
                            CompletableFuture<MessageView> result) implements Change {

    /** The roles that may delete others' messages in a group. */
    static final Set<String> MODERATORS = Set.of("owner", "admin");

    public static DeleteCommand of(String sender, String senderConnection, long conversationId, long seq) {
        return new DeleteCommand(sender, senderConnection, conversationId, seq, new CompletableFuture<>());
    }

    @Override
    public boolean applyTo(MessageState message, Context context) {
        boolean moderator = context.group() && context.role() != null && MODERATORS.contains(context.role());
        if (!message.senderId.equals(sender) && !moderator) {
            throw ChatException.forbidden("only the sender, or in a group its owner or an admin, may delete a message");
        }
        if (message.deleted()) {
            return false;
        }
        message.content = "";
        message.reactions.clear();
        message.deletedAt = context.now();
        message.contentChanged = true;
        return true;
    }
}
