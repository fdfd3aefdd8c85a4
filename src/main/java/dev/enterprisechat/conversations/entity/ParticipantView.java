package dev.enterprisechat.conversations.entity;

import java.time.Instant;

/**
 * A participant of a conversation on the wire.
 *
 * @param userId      the user's id
 * @param displayName from the user's latest token
 * @param online      whether the user has a signed-in connection (or lost the last one less than the grace ago)
 * @param lastSeenAt  when the user last went offline; null if never
 * @param role        {@code owner}, {@code admin} or {@code member} in a group's conversation; null elsewhere
 */
public record ParticipantView(String userId, String displayName, boolean online, Instant lastSeenAt, String role) {

    /** The same participant with no presence shown (offline, never seen): for viewers who may not see it. */
    public ParticipantView withoutPresence() {
        return new ParticipantView(userId, displayName, false, null, role);
    }
}
