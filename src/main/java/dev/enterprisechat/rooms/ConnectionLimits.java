package dev.enterprisechat.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How many connections one user, and one client address before signing in, may hold on this instance. One user's
 * connections all receive every event of the user: without a bound, one account could multiply every fan-out.
 */
@ApplicationScoped
public class ConnectionLimits {

    @Inject
    @ConfigProperty(name = "chat.limits.connections-per-user", defaultValue = "20")
    int perUser;

    @Inject
    @ConfigProperty(name = "chat.limits.anonymous-per-address", defaultValue = "50")
    int anonymousPerAddress;

    @Inject
    Rooms rooms;

    public int perUser() {
        return perUser;
    }

    public boolean userMayConnect(String user) {
        return rooms.connectionsOf(user) < perUser;
    }

    public boolean addressMayConnect(String address) {
        return rooms.anonymousFrom(address) < anonymousPerAddress;
    }

    /** The error message of a sign-in past the quota. */
    public String tooManyConnections() {
        return "too many connections for this user: at most " + perUser;
    }
}
