package dev.enterprisechat.conversations.control;

/** CDI event, fired in the transaction that ended a membership: what the user did there live (typing) ends. */
public record ParticipantLeft(long conversationId, String userId) {
}
