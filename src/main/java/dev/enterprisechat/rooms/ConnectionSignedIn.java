package dev.enterprisechat.rooms;

/** CDI event: a connection was signed in and registered (not fired again on a token refresh). */
public record ConnectionSignedIn(Connection connection) {
}
