package dev.enterprisechat.protocol;

/**
 * Who sent a request, as business code needs to know it: the connection it came on (whose other frames it must not
 * be sent twice, such as the event a change causes) and the signed-in user, if any.
 */
public interface Caller {

    /** The connection's id, unique among the open connections of this instance. */
    String connectionId();

    /** The signed-in user's id, or null before sign-in. */
    String userId();

    /** The signed-in user's display name, or null before sign-in. */
    String displayName();
}
