package dev.enterprisechat.protocol;

/**
 * The error codes of the protocol: the {@code code} field of an {@code error} frame's payload.
 * See docs/protocol.md for when each one is used.
 */
public enum ErrorCode {
    /** Malformed JSON, a missing or mistyped field, a value out of range, a missing requestId. */
    BAD_REQUEST,
    /** The connection is not signed in, or a token offered with {@code auth} is not valid. */
    UNAUTHORIZED,
    /** The user may not do this (for example: not a participant of the conversation). */
    FORBIDDEN,
    /** The thing named does not exist (an invite code, a user). */
    NOT_FOUND,
    /** The request contradicts the current state. */
    CONFLICT,
    /** A message text or a frame is over its configured limit. */
    PAYLOAD_TOO_LARGE,
    /** The connection sends requests faster than its configured budget. */
    RATE_LIMITED,
    /** No handler serves this message type. */
    UNKNOWN_TYPE,
    /** The database cannot be reached, or did not answer in time: retry (sends: with the same clientMessageId). */
    UNAVAILABLE,
    /** A fault on the server; the message carries a reference that is also in the server log. */
    INTERNAL;

    /** Whether the same request may succeed when sent again later, unchanged. */
    public boolean retryable() {
        return this == UNAVAILABLE || this == RATE_LIMITED;
    }
}
