package dev.enterprisechat.protocol;

import jakarta.json.JsonObject;

/**
 * One request as a handler sees it.
 *
 * @param caller    who sent it, on which connection
 * @param payload   its payload, an object (empty when the client sent none)
 * @param requestId the client's correlation id
 */
public record Request(Caller caller, JsonObject payload, String requestId) {

    /** The signed-in user; the dispatcher has checked there is one for handlers that require it. */
    public String userId() {
        String user = caller.userId();
        if (user == null) {
            throw ChatException.unauthorized("sign in first");
        }
        return user;
    }
}
