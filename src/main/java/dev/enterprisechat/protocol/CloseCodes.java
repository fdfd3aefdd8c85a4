package dev.enterprisechat.protocol;

/**
 * The WebSocket close codes the server uses beyond the standard ones it also sends (1000 normal, 1001 going away,
 * 1009 too big, 1011 server fault). docs/protocol.md says for each whether the client should reconnect.
 */
public final class CloseCodes {

    /** Not signed in in time, or the token expired: reconnect only with a new token. */
    public static final int UNAUTHENTICATED = 4401;
    /** The connection could not keep up with its events: reconnect, then {@code sync}. */
    public static final int SLOW_CONSUMER = 4408;
    /** The connection let two heartbeat pings go unanswered: presumed dead. Reconnect. */
    public static final int NO_PONG = 4000;
    /** The server is shutting down or restarting: reconnect (to it or another instance). */
    public static final int GOING_AWAY = 1001;
    /**
     * This instance may have missed some of the cluster's events (its event stream from the database was
     * interrupted): reconnect, then {@code sync}.
     */
    public static final int SERVICE_RESTART = 1012;
    /**
     * Too many: the user already holds {@code chat.limits.connections-per-user} connections, or the client went on
     * sending requests while they were refused with RATE_LIMITED. Reconnect later, with backoff.
     */
    public static final int TOO_MANY_REQUESTS = 4429;
    /**
     * Try again later: the connection could not be signed in because the database is out of reach. Reconnect with
     * backoff.
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** An unexpected fault on the server. Reconnect with backoff. */
    public static final int SERVER_ERROR = 1011;
    /** The frame was larger than {@code chat.limits.frame-max-bytes}. */
    public static final int TOO_BIG = 1009;

    private CloseCodes() {
    }
}
