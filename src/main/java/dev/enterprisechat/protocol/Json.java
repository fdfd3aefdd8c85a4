package dev.enterprisechat.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** The one JSON-B instance of the server (thread-safe, expensive to create). Nulls are written, never dropped. */
public final class Json {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private Json() {
    }

    public static String write(Object value) {
        return JSONB.toJson(value);
    }
}
