package dev.enterprisechat.security;

import java.time.Instant;

/**
 * A verified user, as a connection knows it.
 *
 * @param userId      the token's {@code sub}
 * @param displayName from {@code name}, {@code preferred_username}, {@code email} or {@code sub}, in that order
 * @param expiresAt   the token's {@code exp}: the connection closes then unless the token is refreshed
 */
public record Identity(String userId, String displayName, Instant expiresAt) {
}
