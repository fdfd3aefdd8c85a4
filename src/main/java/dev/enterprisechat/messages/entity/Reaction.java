package dev.enterprisechat.messages.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.List;

/**
 * One emoji's reactions to a message, on the wire and in the message's {@code reactions} column (a JSON array of
 * these, ordered by the first time each emoji was added).
 *
 * @param emoji   one emoji or a {@code :shortcode:}
 * @param userIds who reacted with it, in the order they did
 */
public record Reaction(String emoji, List<String> userIds) {

    public static final String NONE = "[]";
    /** Looked up once: {@code jakarta.json.Json}'s static methods look the provider up (a class-path scan) per call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static List<Reaction> parse(String stored) {
        if (stored == null || NONE.equals(stored)) {
            return List.of();
        }
        try (JsonReader reader = JSON.createReader(new StringReader(stored))) {
            JsonArray array = reader.readArray();
            return array.getValuesAs(JsonObject.class).stream()
                    .map(item -> new Reaction(item.getString("emoji"),
                            item.getJsonArray("userIds").getValuesAs(JsonString.class).stream()
                                    .map(JsonString::getString).toList()))
                    .toList();
        }
    }

    public static String write(List<Reaction> reactions) {
        if (reactions.isEmpty()) {
            return NONE;
        }
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Reaction reaction : reactions) {
            JsonArrayBuilder users = JSON.createArrayBuilder();
            reaction.userIds().forEach(users::add);
            array.add(JSON.createObjectBuilder().add("emoji", reaction.emoji()).add("userIds", users));
        }
        return array.build().toString();
    }
}
