package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import jakarta.json.JsonObject;

import java.util.regex.Pattern;

/**
 * A reaction's {@code emoji}: one emoji (a single pictograph, with its variation selector, skin tone, keycap or tags,
 * a flag's two regional indicators, or a sequence joined by zero-width joiners) or a {@code :shortcode:}; 1 to 32
 * characters (code points). Checked by code point ranges rather than by the JDK's grapheme breaking, which knows
 * emoji sequences only from Java 20.
 */
final class Emoji {

    static final int MAX_CHARS = 32;
    static final String INVALID = "emoji must be one emoji or a :shortcode: of 1 to 32 characters";
    private static final Pattern SHORTCODE = Pattern.compile(":[a-z0-9_+-]{1,30}:");
    private static final int ZWJ = 0x200D;
    private static final int KEYCAP = 0x20E3;

    private Emoji() {
    }

    static String from(JsonObject payload) {
        String emoji = Fields.requiredString(payload, "emoji");
        if (Fields.length(emoji) > MAX_CHARS || !(SHORTCODE.matcher(emoji).matches() || isOneEmoji(emoji))) {
            throw ChatException.badRequest(INVALID);
        }
        return emoji;
    }

    static boolean isOneEmoji(String text) {
        int[] points = text.codePoints().toArray();
        int units = 0;
        boolean joining = false;
        boolean openFlag = false;
        for (int i = 0; i < points.length; i++) {
            int cp = points[i];
            if (isModifier(cp) || cp == ZWJ) {
                if (units == 0 || joining) {
                    return false;
                }
                joining = cp == ZWJ;
                continue;
            }
            boolean keycapBase = (cp >= '0' && cp <= '9' || cp == '#' || cp == '*') && keycapFollows(points, i + 1);
            if (!keycapBase && !isPictograph(cp)) {
                return false;
            }
            boolean regional = cp >= 0x1F1E6 && cp <= 0x1F1FF;
            if (joining || regional && openFlag) {
                openFlag = false;
            } else {
                units++;
                openFlag = regional;
            }
            joining = false;
        }
        return units == 1 && !joining && !openFlag;
    }

    private static boolean keycapFollows(int[] points, int next) {
        int at = next < points.length && points[next] == 0xFE0F ? next + 1 : next;
        return at < points.length && points[at] == KEYCAP;
    }

    /** Variation selectors, skin tones, the keycap mark, tag characters: they belong to the emoji before them. */
    private static boolean isModifier(int cp) {
        return cp == 0xFE0E || cp == 0xFE0F || cp == KEYCAP || cp >= 0x1F3FB && cp <= 0x1F3FF
                || cp >= 0xE0020 && cp <= 0xE007F;
    }

    private static boolean isPictograph(int cp) {
        return cp >= 0x1F000 && cp <= 0x1FAFF || cp >= 0x2100 && cp <= 0x2BFF || cp == 0xA9 || cp == 0xAE
                || cp == 0x203C || cp == 0x2049 || cp == 0x3030 || cp == 0x303D || cp == 0x3297 || cp == 0x3299;
    }
}
