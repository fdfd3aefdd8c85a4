package dev.enterprisechat.rooms;

/** CDI event (for metrics): one event was queued to this many connections of this instance. */
public record FannedOut(int frames) {
}
