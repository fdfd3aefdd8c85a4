package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.enterprisechat.messages.MessageLifecycleIT.edit;
import static dev.enterprisechat.messages.MessageLifecycleIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/** sync with a revision cursor: the changes to messages a client holds, made while it was away. */
class CatchUpWithChangesIT extends DeployedChat {

    @Test
    void messagesEditedDeletedAndReactedToWhileTheOtherUserWasOfflineComeWithSync() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        for (String text : List.of("one", "two", "three")) {
            send(a, conversation, text);
        }
        JsonObject before = entry(b.ack("sync", cursor(conversation, 0, 0)), conversation);
        assertThat(before.getInt("lastRev")).isEqualTo(3);
        b.close();

        edit(a, conversation, 1, "one, edited");
        a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 2));
        a.ack("add_reaction", Payload.of("conversationId", conversation, "seq", 3, "emoji", "👋"));
        send(a, conversation, "four");
        edit(a, conversation, 1, "one, edited twice");

        ChatClient back = users.connect(bob);
        JsonObject synced = entry(back.ack("sync", cursor(conversation, 3, before.getInt("lastRev"))), conversation);

        assertThat(synced.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("content")).containsExactly("four");
        List<JsonObject> changed = synced.getJsonArray("changed").getValuesAs(JsonObject.class);
        assertThat(changed).extracting(m -> m.getInt("seq") + "@" + m.getInt("rev"))
                .as("each changed message once, as it is now, ascending rev").containsExactly("2@5", "3@6", "1@8");
        assertThat(changed.get(0).getString("content")).isEmpty();
        assertThat(changed.get(0).getString("deletedAt")).isNotNull();
        assertThat(changed.get(1).getJsonArray("reactions")).hasSize(1);
        assertThat(changed.get(2).getString("content")).isEqualTo("one, edited twice");
        assertThat(synced.getBoolean("hasMoreChanges")).isFalse();
        assertThat(synced.getInt("lastRev")).isEqualTo(8);
        assertThat(synced.getInt("lastSeq")).isEqualTo(4);

        JsonObject again = entry(back.ack("sync", cursor(conversation, 4, 8)), conversation);
        assertThat(again.getJsonArray("changed")).as("nothing after the client's revision").isEmpty();
    }

    @Test
    void changesArePagedByRevUntilNoneIsLeft() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("paged");
        for (int i = 1; i <= 5; i++) {
            send(a, conversation, "message " + i);
        }
        for (int i = 1; i <= 5; i++) {
            edit(a, conversation, i, "edited " + i);
        }

        List<Integer> seen = new ArrayList<>();
        int afterRev = 5;
        int rounds = 0;
        while (true) {
            rounds++;
            JsonObject synced = entry(a.ack("sync", syncRequest(conversation, 5, afterRev, 2)), conversation);
            List<JsonObject> changed = synced.getJsonArray("changed").getValuesAs(JsonObject.class);
            changed.forEach(m -> seen.add(m.getInt("seq")));
            if (!synced.getBoolean("hasMoreChanges")) {
                afterRev = synced.getInt("lastRev");
                break;
            }
            afterRev = changed.get(changed.size() - 1).getInt("rev");
        }
        assertThat(seen).containsExactly(1, 2, 3, 4, 5);
        assertThat(rounds).isEqualTo(3);
        assertThat(afterRev).isEqualTo(10);
    }

    @Test
    void withoutARevisionCursorTheAnswerIsTodaysPlusLastRev() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("plain");
        send(a, conversation, "one");
        edit(a, conversation, 1, "uno");

        JsonObject synced = entry(a.ack("sync", Payload.of("conversations", List.of())), conversation);

        assertThat(synced.getJsonArray("messages")).hasSize(1);
        assertThat(synced.getJsonArray("changed")).isEmpty();
        assertThat(synced.getBoolean("hasMoreChanges")).isFalse();
        assertThat(synced.getInt("lastRev")).isEqualTo(2);
        JsonObject held = entry(a.ack("sync", Payload.of("conversations", Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("conversationId", conversation).add("afterSeq", 1)).build())),
                conversation);
        assertThat(held.getJsonArray("changed")).as("no afterRev: changes are not followed").isEmpty();
        assertThat(held.getJsonArray("messages")).isEmpty();
    }

    @Test
    void aMessageNewerThanTheSeqCursorComesAsANewMessageNotAsAChange() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("newer");
        send(a, conversation, "one");
        send(a, conversation, "two");
        edit(a, conversation, 2, "two, edited");

        JsonObject synced = entry(a.ack("sync", cursor(conversation, 1, 1)), conversation);

        assertThat(synced.getJsonArray("messages").getValuesAs(JsonObject.class))
                .extracting(m -> m.getString("content")).containsExactly("two, edited");
        assertThat(synced.getJsonArray("changed")).isEmpty();
        assertError(a.error("sync", Payload.of("conversations", Json.createArrayBuilder().add(Json
                .createObjectBuilder().add("conversationId", conversation).add("afterRev", "x")).build())),
                "BAD_REQUEST", "afterRev must be a non-negative integer");
    }

    private static JsonObject cursor(long conversation, int afterSeq, int afterRev) {
        return syncRequest(conversation, afterSeq, afterRev, 100);
    }

    private static JsonObject syncRequest(long conversation, int afterSeq, int afterRev, int limit) {
        JsonObjectBuilder cursor = Json.createObjectBuilder().add("conversationId", conversation)
                .add("afterSeq", afterSeq).add("afterRev", afterRev);
        return Json.createObjectBuilder().add("conversations", Json.createArrayBuilder().add(cursor))
                .add("limit", limit).build();
    }

    private static JsonObject entry(JsonObject synced, long conversation) {
        return synced.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("conversationId").longValue() == conversation).findFirst()
                .orElseThrow();
    }
}
