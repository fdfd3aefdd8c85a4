package dev.enterprisechat.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the database keeps them: UTC, to the microsecond (so a stored time reads back equal). */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp column's value as a native query returns it (the JDBC driver's type varies), as an instant. */
    public static Instant instant(Object value) {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return (Instant) value;
    }
}
