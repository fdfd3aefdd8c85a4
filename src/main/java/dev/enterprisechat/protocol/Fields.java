package dev.enterprisechat.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields out of a payload, answering every missing or mistyped field with a {@code BAD_REQUEST} that
 * names the field. Handlers use it to build their request records.
 */
public final class Fields {

    private Fields() {
    }

    public static String requiredString(JsonObject payload, String name) {
        String value = optionalString(payload, name);
        if (value == null) {
            throw ChatException.badRequest(name + " is required");
        }
        return value;
    }

    public static String optionalString(JsonObject payload, String name) {
        JsonValue value = payload.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        throw ChatException.badRequest(name + " must be a string");
    }

    /** An id issued by the server: a positive integer, given as a JSON number or a string of digits. */
    public static long requiredId(JsonObject payload, String name) {
        Long value = optionalId(payload, name);
        if (value == null) {
            throw ChatException.badRequest(name + " is required");
        }
        return value;
    }

    public static Long optionalId(JsonObject payload, String name) {
        Long value = optionalLong(payload, name);
        if (value != null && value < 1) {
            throw ChatException.badRequest(name + " must be a positive integer");
        }
        return value;
    }

    public static long requiredLong(JsonObject payload, String name) {
        Long value = optionalLong(payload, name);
        if (value == null) {
            throw ChatException.badRequest(name + " is required");
        }
        return value;
    }

    /** The optional page size {@code limit}: {@code fallback} when absent, else 1 to {@code max}. */
    public static int limit(JsonObject payload, int fallback, int max) {
        Long limit = optionalLong(payload, "limit");
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw ChatException.badRequest("limit must be between 1 and " + max);
        }
        return limit.intValue();
    }

    /** A non-negative integer, given as a JSON number or a string of digits. */
    public static Long optionalLong(JsonObject payload, String name) {
        JsonValue value = payload.get(name);
        if (isAbsent(value)) {
            return null;
        }
        try {
            if (value instanceof JsonNumber number && number.isIntegral() && number.longValueExact() >= 0) {
                return number.longValueExact();
            }
            if (value instanceof JsonString string && string.getString().matches("\\d{1,18}")) {
                return Long.parseLong(string.getString());
            }
        } catch (ArithmeticException tooBig) {
            // answered below
        }
        throw ChatException.badRequest(name + " must be a non-negative integer");
    }

    public static Boolean optionalBoolean(JsonObject payload, String name) {
        JsonValue value = payload.get(name);
        if (isAbsent(value)) {
            return null;
        }
        if (value.getValueType() == JsonValue.ValueType.TRUE || value.getValueType() == JsonValue.ValueType.FALSE) {
            return value.getValueType() == JsonValue.ValueType.TRUE;
        }
        throw ChatException.badRequest(name + " must be a boolean");
    }

    /** An optional array of objects; absent or null is empty. */
    public static List<JsonObject> optionalObjects(JsonObject payload, String name) {
        JsonValue value = payload.get(name);
        if (isAbsent(value)) {
            return List.of();
        }
        if (value instanceof JsonArray array
                && array.stream().allMatch(item -> item.getValueType() == JsonValue.ValueType.OBJECT)) {
            return array.getValuesAs(JsonObject.class);
        }
        throw ChatException.badRequest(name + " must be an array of objects");
    }

    public static List<String> requiredStrings(JsonObject payload, String name) {
        JsonValue value = payload.get(name);
        if (isAbsent(value)) {
            throw ChatException.badRequest(name + " is required");
        }
        if (!(value instanceof JsonArray array)) {
            throw ChatException.badRequest(name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>(array.size());
        for (JsonValue item : array) {
            if (!(item instanceof JsonString string)) {
                throw ChatException.badRequest(name + " must be an array of strings");
            }
            strings.add(string.getString());
        }
        return strings;
    }

    /**
     * Checks a text given by a user: null passes (the field was optional), blank is refused, and so is a text of
     * more than {@code max} characters (code points, so an emoji counts as one).
     */
    public static String text(String value, String name, int max) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            throw ChatException.badRequest(name + " must not be blank");
        }
        if (length(value) > max) {
            throw ChatException.badRequest(name + " must be at most " + max + " characters");
        }
        return value;
    }

    /** The length in characters (code points) as users count them. */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    private static boolean isAbsent(JsonValue value) {
        return value == null || value.getValueType() == JsonValue.ValueType.NULL;
    }
}
