package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;

import java.util.concurrent.CompletableFuture;

/**
 * One message to store, waiting for a writer, and the answer its sender waits for.
 *
 * @param sender           the sender's user id
 * @param senderConnection the connection it came on (it gets the ack, not the event)
 * @param conversationId   where it goes
 * @param content          the text
 * @param clientMessageId  the idempotency key, or null
 * @param replyToSeq       the seq of the message of the same conversation it replies to, or null
 * @param result           completed with the stored (or earlier) message, or with the refusal or fault
 */
public record SendCommand(String sender, String senderConnection, long conversationId, String content,
                          String clientMessageId, Long replyToSeq, CompletableFuture<MessageView> result)
        implements Command {

    public static SendCommand of(String sender, String senderConnection, long conversationId, String content,
                                 String clientMessageId, Long replyToSeq) {
        return new SendCommand(sender, senderConnection, conversationId, content, clientMessageId, replyToSeq,
                new CompletableFuture<>());
    }

    /** The idempotency key of this send, or null when it has none. */
    ClientKey clientKey() {
        return clientMessageId == null ? null : new ClientKey(conversationId, sender, clientMessageId);
    }

    /** (conversation, sender, clientMessageId): what the database keeps unique. */
    record ClientKey(long conversationId, String sender, String clientMessageId) {
    }
}
