package dev.enterprisechat.messages.entity;

/**
 * What a message replies to, on the wire.
 *
 * @param seq      the replied-to message's seq (same conversation)
 * @param senderId who sent the replied-to message
 * @param excerpt  its first {@value #EXCERPT_CHARS} characters (code points) as it is now; "" once it was deleted
 */
public record ReplyTo(long seq, String senderId, String excerpt) {

    public static final int EXCERPT_CHARS = 100;

    /** The excerpt of a message's content: its first {@value #EXCERPT_CHARS} code points. */
    public static String excerptOf(String content) {
        if (content.codePointCount(0, content.length()) <= EXCERPT_CHARS) {
            return content;
        }
        return content.substring(0, content.offsetByCodePoints(0, EXCERPT_CHARS));
    }
}
