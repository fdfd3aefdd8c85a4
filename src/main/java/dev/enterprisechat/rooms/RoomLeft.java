package dev.enterprisechat.rooms;

/**
 * CDI event: a connection left a room ({@code leave_conversation}) or was taken out of it (its user is no longer a
 * participant); what it did there, such as typing, ends.
 */
public record RoomLeft(Connection connection, long conversationId) {
}
