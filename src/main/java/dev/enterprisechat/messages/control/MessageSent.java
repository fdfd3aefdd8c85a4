package dev.enterprisechat.messages.control;

/** CDI event: a user's message was stored in a conversation (the user's typing there ends). */
public record MessageSent(long conversationId, String senderId) {
}
