package dev.enterprisechat.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The one JSON-B instance of the server (thread-safe, expensive to create). Nulls are written, never dropped. */
public final class Json {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private Json() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }

    /**
     * The UTF-8 size of the text as a JSON string, quotes and escapes included, or a little more: a control
     * character counts as the six bytes of its longest escape.
     */
    public static long encodedSize(String text) {
        long bytes = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                bytes += 2;
            } else if (c < 0x20) {
                bytes += 6;
            } else if (c < 0x80) {
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
