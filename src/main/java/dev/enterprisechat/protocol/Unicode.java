package dev.enterprisechat.protocol;

/**
 * What text must be to enter the server: valid Unicode (no lone surrogate, which no UTF-8 encoder can write back)
 * without NUL (which PostgreSQL refuses in text columns).
 */
public final class Unicode {

    static final String LONE_SURROGATE = "is not valid Unicode text (it holds a lone surrogate)";
    static final String NUL = "must not contain NUL characters";

    private Unicode() {
    }

    /** @return null when the text is acceptable, else the end of a sentence that says why ("… must not …") */
    public static String problem(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NUL;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return LONE_SURROGATE;
                }
            }
        }
        return null;
    }

    /** The text with every NUL removed and every lone surrogate replaced by U+FFFD: for cosmetic text from elsewhere. */
    public static String sanitized(String text) {
        if (problem(text) == null) {
            return text;
        }
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                clean.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                clean.append('\uFFFD');
            } else {
                clean.append(c);
            }
        }
        return clean.toString();
    }

    /** The UTF-8 size of the text, counted without copying it (a lone surrogate counts as the 3 bytes of U+FFFD). */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
