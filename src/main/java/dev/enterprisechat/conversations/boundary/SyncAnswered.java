package dev.enterprisechat.conversations.boundary;

/** CDI event (for metrics): a {@code sync} request was answered. */
public record SyncAnswered() {
}
