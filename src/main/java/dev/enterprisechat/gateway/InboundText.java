package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.protocol.Unicode;

/**
 * Joins the fragments of one text message, counting its UTF-8 size as they arrive: a message that passes the frame
 * limit is refused at the fragment that passes it, so an unfinished message can never hold more than the limit. A
 * message in one frame (the usual case) is passed through without a copy.
 */
final class InboundText {

    private final int maxBytes;
    private StringBuilder parts;
    private long bytes;

    InboundText(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * @return the whole message once its last fragment arrived, null while more are to come
     * @throws BadFrame PAYLOAD_TOO_LARGE (which ends the connection) once the message passes the limit
     */
    String add(String part, boolean last) throws BadFrame {
        if (parts == null && last) {
            return part;
        }
        bytes += Unicode.utf8Length(part);
        if (bytes > maxBytes) {
            parts = null;
            throw new BadFrame(ErrorCode.PAYLOAD_TOO_LARGE, null, "frame is larger than " + maxBytes + " bytes");
        }
        if (parts == null) {
            parts = new StringBuilder(part.length() * 2);
        }
        parts.append(part);
        if (!last) {
            return null;
        }
        String message = parts.toString();
        parts = null;
        bytes = 0;
        return message;
    }
}
