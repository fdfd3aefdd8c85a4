package dev.enterprisechat.protocol;

/**
 * Serves one request type. Implementations are CDI beans; the {@link Dispatcher} finds them all at startup.
 * <p>
 * A handler turns the payload into a record, validates it, calls its component's boundary and returns the payload
 * of the {@code ack}. Failures are thrown as {@link ChatException}.
 */
public interface Handler {

    /** The request type served, such as {@code send_message}. Unique across all handlers. */
    String type();

    /** Whether the connection must be signed in. Only {@code auth} and {@code ping} are served before that. */
    default boolean requiresIdentity() {
        return true;
    }

    /**
     * Whether a request of this type may start while earlier requests of its connection are still unanswered (its
     * answer still leaves after theirs). Such a handler returns a {@link java.util.concurrent.CompletionStage} of the
     * ack's payload and does not wait: a send, which the writer answers once committed.
     */
    default boolean pipelined() {
        return false;
    }

    /**
     * @return the payload of the {@code ack}: a record, a map or a JSON-P value; {@code null} means {@code {}}; for a
     * {@linkplain #pipelined() pipelined} handler, a stage completed with it (or with the failure)
     */
    Object handle(Request request);
}
