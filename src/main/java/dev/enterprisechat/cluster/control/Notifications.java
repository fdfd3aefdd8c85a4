package dev.enterprisechat.cluster.control;

import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.rooms.Routing;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.util.HashSet;
import java.util.Set;

/**
 * The wire format of the cluster's events: {@code header \n frame} — the routing (users or room, exclusions,
 * eviction), the instance that published it, its acknowledgement key and, for a writer's change, its conversation and
 * revision as JSON, then the client frame exactly as it will be sent, encoded once. A notification too large for
 * PostgreSQL is replaced by {@code {"ref": id}}, naming its body in {@code cluster_event_bodies}.
 */
final class Notifications {

    static final String CHANNEL = "chat_events";
    /** PostgreSQL's limit is 8000 bytes; the rest is headroom. */
    static final int MAX_BYTES = 7900;
    /**
     * Looked up once: {@code jakarta.json.Json}'s static methods look the provider up at every call, a service-loader
     * scan of the class path (measured: a third of the server's CPU per message in cluster mode).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private Notifications() {
    }

    /**
     * A received notification: where its frame goes, and who is waiting for it; for a writer's change, its
     * conversation and the revision it took it to (else both null).
     */
    record Received(Routing routing, String frame, String origin, String ackKey, Long conversationId, Long rev) {
    }

    static String encode(Broadcast broadcast, String origin, String ackKey) {
        return encode(broadcast, broadcast.frame(), origin, ackKey, null);
    }

    /**
     * @param frame  the broadcast's frame, encoded already
     * @param change for a writer's change, its conversation and revision (which the header carries); else null
     */
    static String encode(Broadcast broadcast, String frame, String origin, String ackKey, Relay.Announcement change) {
        Routing routing = broadcast.routing();
        JsonObjectBuilder header = JSON.createObjectBuilder().add("o", origin);
        if (routing.room() != null) {
            header.add("r", routing.room());
        } else {
            JsonArrayBuilder users = JSON.createArrayBuilder();
            routing.users().forEach(users::add);
            header.add("u", users);
        }
        if (routing.exceptConnection() != null) {
            header.add("xc", routing.exceptConnection());
        }
        if (routing.exceptUser() != null) {
            header.add("xu", routing.exceptUser());
        }
        if (routing.droppable()) {
            header.add("d", true);
        }
        if (ackKey != null) {
            header.add("k", ackKey);
        }
        if (routing.eviction() != null) {
            header.add("ev", JSON.createObjectBuilder().add("u", routing.eviction().userId())
                    .add("r", routing.eviction().conversationId()));
        }
        if (change != null) {
            header.add("c", change.conversationId()).add("v", change.rev());
        }
        return header.build() + "\n" + frame;
    }

    static boolean isReference(String text) {
        return text.startsWith("{\"ref\":");
    }

    static String reference(long bodyId) {
        return "{\"ref\":" + bodyId + "}";
    }

    static long referencedBody(String text) {
        return readHeader(text).getJsonNumber("ref").longValue();
    }

    static Received decode(String text) {
        int split = text.indexOf('\n');
        JsonObject header = readHeader(text.substring(0, split));
        JsonObject eviction = header.getJsonObject("ev");
        Routing routing = new Routing(users(header),
                header.containsKey("r") ? header.getJsonNumber("r").longValue() : null,
                string(header, "xc"), string(header, "xu"), header.getBoolean("d", false),
                eviction == null ? null : new Routing.Eviction(eviction.getString("u"),
                        eviction.getJsonNumber("r").longValue()));
        return new Received(routing, text.substring(split + 1), string(header, "o"), string(header, "k"),
                number(header, "c"), number(header, "v"));
    }

    private static JsonObject readHeader(String json) {
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static Set<String> users(JsonObject header) {
        Set<String> users = new HashSet<>();
        if (header.containsKey("u")) {
            for (JsonValue user : header.getJsonArray("u")) {
                users.add(((JsonString) user).getString());
            }
        }
        return users;
    }

    private static Long number(JsonObject header, String name) {
        return header.get(name) instanceof JsonNumber number ? number.longValue() : null;
    }

    private static String string(JsonObject header, String name) {
        JsonValue value = header.get(name);
        return value instanceof JsonString text ? text.getString() : null;
    }
}
