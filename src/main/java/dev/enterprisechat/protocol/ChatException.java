package dev.enterprisechat.protocol;

import jakarta.ejb.ApplicationException;

/**
 * A business failure with the error code and message the client receives. Thrown anywhere, answered only by the
 * {@link Dispatcher}. As an application exception it rolls the transaction back and reaches the caller unwrapped.
 */
@ApplicationException(rollback = true)
public class ChatException extends RuntimeException {

    private final ErrorCode code;

    public ChatException(ErrorCode code, String message) {
        // no stack trace: these are expected outcomes, created often, and never logged as faults
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ChatException badRequest(String message) {
        return new ChatException(ErrorCode.BAD_REQUEST, message);
    }

    public static ChatException unauthorized(String message) {
        return new ChatException(ErrorCode.UNAUTHORIZED, message);
    }

    public static ChatException forbidden(String message) {
        return new ChatException(ErrorCode.FORBIDDEN, message);
    }

    public static ChatException notFound(String message) {
        return new ChatException(ErrorCode.NOT_FOUND, message);
    }

    public static ChatException conflict(String message) {
        return new ChatException(ErrorCode.CONFLICT, message);
    }

    public static ChatException tooLarge(String message) {
        return new ChatException(ErrorCode.PAYLOAD_TOO_LARGE, message);
    }
}
