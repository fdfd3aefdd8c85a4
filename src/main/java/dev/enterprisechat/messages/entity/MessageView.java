package dev.enterprisechat.messages.entity;

import dev.enterprisechat.protocol.Json;

import java.time.Instant;

/**
 * A message on the wire.
 *
 * @param id              stable forever
 * @param conversationId  the conversation it belongs to
 * @param seq             its place in the conversation: 1, 2, 3… without gaps
 * @param senderId        the sender's user id
 * @param content         the text, 1 to 4000 characters by default
 * @param clientMessageId the sender's idempotency key, or null
 * @param createdAt       when it was stored
 */
public record MessageView(long id, long conversationId, long seq, String senderId, String content,
                          String clientMessageId, Instant createdAt) {

    /** A generous estimate of the bytes of the message's JSON: its texts as written, plus the rest of the fields. */
    public long encodedSize() {
        return 200 + Json.encodedSize(senderId) + Json.encodedSize(content)
                + (clientMessageId == null ? 0 : Json.encodedSize(clientMessageId));
    }

    public static MessageView of(Message message) {
        return new MessageView(message.id(), message.conversationId(), message.seq(), message.senderId(),
                message.content(), message.clientMessageId(), message.createdAt());
    }
}
