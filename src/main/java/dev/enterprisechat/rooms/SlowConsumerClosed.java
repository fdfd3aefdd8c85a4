package dev.enterprisechat.rooms;

/** CDI event (for metrics): a connection was given up on for falling behind (4408). */
public record SlowConsumerClosed(String connectionId) {
}
