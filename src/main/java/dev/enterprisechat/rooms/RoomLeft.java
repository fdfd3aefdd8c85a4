package dev.enterprisechat.rooms;

/**
 * CDI event: a connection was taken out of a room because its user is no longer a participant (what it did there,
 * such as typing, ends).
 */
public record RoomLeft(Connection connection, long conversationId) {
}
