package dev.enterprisechat.protocol;

import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.security.Identity;
import jakarta.json.JsonObject;

/**
 * One request as a handler sees it.
 *
 * @param connection the connection it came on
 * @param payload    its payload, an object (empty when the client sent none)
 * @param requestId  the client's correlation id
 */
public record Request(Connection connection, JsonObject payload, String requestId) {

    /** The signed-in user; the dispatcher has checked there is one for handlers that require it. */
    public Identity identity() {
        Identity identity = connection.identity();
        if (identity == null) {
            throw ChatException.unauthorized("sign in first");
        }
        return identity;
    }

    public String userId() {
        return identity().userId();
    }
}
