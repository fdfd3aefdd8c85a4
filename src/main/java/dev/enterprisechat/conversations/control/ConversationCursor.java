package dev.enterprisechat.conversations.control;

import dev.enterprisechat.protocol.ChatException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page of a user's conversations ends: the instant the first page was read (every later page orders the
 * conversations as they were then) and the activity and id of the last conversation shown. On the wire it is an
 * opaque string (base64url of {@code v1:<asOf µs>:<at µs>:<id>}).
 */
public record ConversationCursor(Instant asOf, Instant at, long id) {

    static final String INVALID = "before must be a nextCursor from load_conversations";
    private static final Instant EPOCH = Instant.EPOCH;

    /** Before the first page: everything up to {@code asOf}. */
    public static ConversationCursor first(Instant asOf) {
        return new ConversationCursor(asOf, asOf.plusSeconds(1), Long.MAX_VALUE);
    }

    public String encode() {
        String plain = "v1:" + micros(asOf) + ":" + micros(at) + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ChatException BAD_REQUEST when the text is not a cursor this server issued */
    public static ConversationCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(":");
            if (parts.length != 4 || !parts[0].equals("v1")) {
                throw ChatException.badRequest(INVALID);
            }
            return new ConversationCursor(instant(parts[1]), instant(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException | java.time.DateTimeException | ArithmeticException bad) {
            throw ChatException.badRequest(INVALID);
        }
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(EPOCH, instant);
    }

    private static Instant instant(String micros) {
        return EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }
}
