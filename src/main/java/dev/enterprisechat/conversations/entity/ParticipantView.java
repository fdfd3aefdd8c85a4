package dev.enterprisechat.conversations.entity;

import java.time.Instant;

/**
 * A participant of a conversation on the wire.
 *
 * @param userId      the user's id
 * @param displayName from the user's latest token
 * @param online      whether the user has a signed-in connection (or lost the last one less than the grace ago)
 * @param lastSeenAt  when the user last went offline; null if never
 */
public record ParticipantView(String userId, String displayName, boolean online, Instant lastSeenAt) {
}
