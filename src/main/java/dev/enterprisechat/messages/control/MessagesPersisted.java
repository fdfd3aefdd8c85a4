package dev.enterprisechat.messages.control;

/** CDI event (for metrics): a writer's batch committed this many new messages. */
public record MessagesPersisted(int count) {
}
