package dev.enterprisechat.directory;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** search_users with the default scope (every user the server has seen). */
class DirectoryIT extends DeployedChat {

    static List<JsonObject> found(ChatClient client, Object... payload) {
        return client.ack("search_users", Payload.of(payload)).getJsonArray("users").getValuesAs(JsonObject.class);
    }

    static List<String> ids(List<JsonObject> users) {
        return users.stream().map(u -> u.getString("userId")).toList();
    }

    @Test
    void findsUsersByAPrefixOfAnyWordOfTheirNameOrId() {
        String tag = Long.toString(System.nanoTime(), 36);
        String ada = Tokens.newUserId("ada");
        String grace = Tokens.newUserId("grace");
        String me = Tokens.newUserId("me");
        ChatClient caller = users.connect(me, "Q" + tag + " Caller");
        users.connect(ada, "Ada Q" + tag + "lovelace");
        users.connect(grace, "q" + tag.toUpperCase() + " Hopper");
        users.connect(Tokens.newUserId("other"), "Ada X" + tag);

        assertThat(ids(found(caller, "query", "q" + tag))).as("case-insensitive, any word, not the caller")
                .containsExactly(ada, grace);
        assertThat(ids(found(caller, "query", "  Q" + tag.toUpperCase() + "LOVE "))).containsExactly(ada);
        assertThat(ids(found(caller, "query", ada))).as("by user id").containsExactly(ada);
        assertThat(found(caller, "query", "q" + tag, "limit", 1)).hasSize(1);
        assertThat(found(caller, "query", "q" + tag.substring(0, 1) + "%" + tag.substring(1))).isEmpty();
        assertThat(found(caller, "query", "zz" + tag + "_")).as("wildcards are literal").isEmpty();
        JsonObject hit = found(caller, "query", ada).get(0);
        assertThat(hit.getString("displayName")).isEqualTo("Ada Q" + tag + "lovelace");
        assertThat(hit.getBoolean("online")).as("a stranger's presence stays hidden").isFalse();
        assertThat(hit.get("lastSeenAt")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void showsPresenceWhereTheCallerMayAlreadySeeIt() {
        String tag = Long.toString(System.nanoTime(), 36);
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"), "Alice " + tag);
        ChatClient b = users.connect(bob, "Bob " + tag);
        a.createGroupWith("shared", b);

        JsonObject hit = found(a, "query", "bob " + tag).get(0);

        assertThat(hit.getString("userId")).isEqualTo(bob);
        assertThat(hit.getBoolean("online")).isTrue();
    }

    @Test
    void refusesBadSearches() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        assertError(a.error("search_users", Payload.of()), "BAD_REQUEST", "query is required");
        assertError(a.error("search_users", Payload.of("query", "  ")), "BAD_REQUEST", "query must not be blank");
        assertError(a.error("search_users", Payload.of("query", 7)), "BAD_REQUEST", "query must be a string");
        assertError(a.error("search_users", Payload.of("query", "x".repeat(101))), "BAD_REQUEST",
                "query must be at most 100 characters");
        assertError(a.error("search_users", Payload.of("query", "a", "limit", 51)), "BAD_REQUEST",
                "limit must be between 1 and 50");
        assertError(a.error("search_users", Payload.of("query", "a", "limit", 0)), "BAD_REQUEST",
                "limit must be between 1 and 50");
    }
}
