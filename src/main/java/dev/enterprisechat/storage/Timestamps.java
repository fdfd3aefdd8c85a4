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
}
