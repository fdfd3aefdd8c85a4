package dev.enterprisechat.users.control;

import dev.enterprisechat.security.Identity;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users whose row this instance wrote recently, with the display name it wrote: a sign-in with the same name
 * within {@link #FRESH} needs no database write (a reconnect storm of known users then costs the database nothing
 * for their rows). Another instance may rename a user meanwhile; the row then catches up with the next sign-in here
 * after {@code FRESH}. Bounded: past {@link #MAX_ENTRIES} the memory is forgotten and rebuilt.
 */
@ApplicationScoped
public class RecentSignIns {

    static final Duration FRESH = Duration.ofMinutes(10);
    static final int MAX_ENTRIES = 200_000;

    private record Written(String displayName, long until) {
    }

    private final ConcurrentHashMap<String, Written> written = new ConcurrentHashMap<>();

    /** Whether this instance wrote the identity's row, with its display name, within {@code FRESH}. */
    public boolean isCurrent(Identity identity) {
        Written last = written.get(identity.userId());
        return last != null && last.displayName().equals(identity.displayName())
                && System.nanoTime() - last.until() < 0;
    }

    /** The identity's row was just written. */
    public void wrote(Identity identity) {
        if (written.size() >= MAX_ENTRIES) {
            written.clear();
        }
        written.put(identity.userId(), new Written(identity.displayName(), System.nanoTime() + FRESH.toNanos()));
    }
}
