package dev.enterprisechat.protocol;

import jakarta.websocket.DecodeException;

/**
 * A frame that is not a valid envelope. Thrown by the decoder so that it reaches the endpoint's error callback, which
 * answers it; Tyrus would silently drop a frame refused by {@code willDecode}.
 */
public class BadFrame extends DecodeException {

    private final ErrorCode code;
    private final String requestId;

    public BadFrame(ErrorCode code, String requestId, String message) {
        super("", message);
        this.code = code;
        this.requestId = requestId;
    }

    public ErrorCode code() {
        return code;
    }

    /** The frame's requestId when it could be read, so the error still answers the request; else null. */
    public String requestId() {
        return requestId;
    }

    /** An oversize frame ends the connection (close 1009): a client that sends one is broken or hostile. */
    public boolean endsConnection() {
        return code == ErrorCode.PAYLOAD_TOO_LARGE;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
