package dev.enterprisechat.messages.entity;

import dev.enterprisechat.protocol.Json;

import java.time.Instant;
import java.util.List;

/**
 * A message on the wire.
 *
 * @param id              stable forever
 * @param conversationId  the conversation it belongs to
 * @param seq             its place in the conversation: 1, 2, 3… without gaps
 * @param senderId        the sender's user id
 * @param content         the text, 1 to 4000 characters by default; "" once deleted
 * @param clientMessageId the sender's idempotency key, or null
 * @param createdAt       when it was stored
 * @param editedAt        when its content was last edited, or null
 * @param deletedAt       when it was deleted, or null
 * @param replyTo         the message it replies to, or null
 * @param reactions       its reactions, ordered by the first time each emoji was added; empty once deleted
 * @param rev             the revision of the conversation at the message's latest change
 */
public record MessageView(long id, long conversationId, long seq, String senderId, String content,
                          String clientMessageId, Instant createdAt, Instant editedAt, Instant deletedAt,
                          ReplyTo replyTo, List<Reaction> reactions, long rev) {

    /** A generous estimate of the bytes of the message's JSON: its texts as written, plus the rest of the fields. */
    public long encodedSize() {
        long size = 300 + Json.encodedSize(senderId) + Json.encodedSize(content)
                + (clientMessageId == null ? 0 : Json.encodedSize(clientMessageId));
        if (replyTo != null) {
            size += 60 + Json.encodedSize(replyTo.senderId()) + Json.encodedSize(replyTo.excerpt());
        }
        for (Reaction reaction : reactions) {
            size += 30 + Json.encodedSize(reaction.emoji());
            for (String user : reaction.userIds()) {
                size += 1 + Json.encodedSize(user);
            }
        }
        return size;
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    public static MessageView of(Message message) {
        return new MessageView(message.id(), message.conversationId(), message.seq(), message.senderId(),
                message.content(), message.clientMessageId(), message.createdAt(), message.editedAt(),
                message.deletedAt(), message.replyTo(), Reaction.parse(message.reactions()), message.rev());
    }
}
