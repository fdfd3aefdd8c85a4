package dev.enterprisechat.users.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import jakarta.json.JsonObject;

/** The rule for a user id in a request: the token's {@code sub}, 1 to 255 characters. */
public final class UserIds {

    public static final int MAX_LENGTH = 255;

    private UserIds() {
    }

    public static String required(JsonObject payload, String name) {
        String id = Fields.requiredString(payload, name);
        if (!valid(id)) {
            throw ChatException.badRequest(name + " must be a user id of 1 to " + MAX_LENGTH + " characters");
        }
        return id;
    }

    public static boolean valid(String id) {
        return !id.isBlank() && id.length() <= MAX_LENGTH;
    }
}
