package dev.enterprisechat.rooms;

/** CDI event: a signed-in connection closed (cleanly, dropped, or cut for missing pongs) and was unregistered. */
public record ConnectionClosed(Connection connection) {
}
