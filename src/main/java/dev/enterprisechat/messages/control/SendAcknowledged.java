package dev.enterprisechat.messages.control;

import java.time.Duration;

/** CDI event (for metrics): a send was answered, this long after it reached the server. */
public record SendAcknowledged(Duration latency) {
}
