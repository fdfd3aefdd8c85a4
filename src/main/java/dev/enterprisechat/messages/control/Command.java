package dev.enterprisechat.messages.control;

import dev.enterprisechat.messages.entity.MessageView;

import java.util.concurrent.CompletableFuture;

/**
 * A change to one conversation, taken by the ordered write path ({@link MessageWriter}): the writer of the
 * conversation's shard stores it in a batch under the conversation's row lock, then announces it and answers. A
 * new message is a {@link SendCommand}; a change to a stored one is a {@link Change} (one command type per kind of
 * change), not a new path.
 */
public sealed interface Command permits SendCommand, Change {

    long conversationId();

    /** The user who asked for the change. */
    String sender();

    /** Completed with the changed message once committed (and announced), or with the refusal or fault. */
    CompletableFuture<MessageView> result();
}
