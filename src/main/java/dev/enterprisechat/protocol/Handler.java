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
     * @return the payload of the {@code ack}: a record, a map or a JSON-P value; {@code null} means {@code {}}
     */
    Object handle(Request request);
}
