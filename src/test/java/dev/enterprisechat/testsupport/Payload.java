package dev.enterprisechat.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Collection;

/** Builds request payloads tersely: {@code Payload.of("conversationId", 7, "content", "hi")}. */
public final class Payload {

    private Payload() {
    }

    public static JsonObject of(Object... keysAndValues) {
        JsonObjectBuilder builder = Json.createObjectBuilder();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String key = (String) keysAndValues[i];
            Object value = keysAndValues[i + 1];
            if (value == null) {
                builder.addNull(key);
            } else if (value instanceof String s) {
                builder.add(key, s);
            } else if (value instanceof Integer n) {
                builder.add(key, n);
            } else if (value instanceof Long n) {
                builder.add(key, n);
            } else if (value instanceof Boolean b) {
                builder.add(key, b);
            } else if (value instanceof JsonValue v) {
                builder.add(key, v);
            } else if (value instanceof Collection<?> items) {
                JsonArrayBuilder array = Json.createArrayBuilder();
                items.forEach(item -> array.add(String.valueOf(item)));
                builder.add(key, array);
            } else {
                throw new IllegalArgumentException("unsupported value " + value);
            }
        }
        return builder.build();
    }
}
