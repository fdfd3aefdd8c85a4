package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Edits and deletions (erasure) of stored messages, their permissions and revisions, and message_updated. */
class MessageLifecycleIT extends DeployedChat {

    @Test
    void anEditChangesTheContentAndIsAnnouncedToEveryOtherConnection() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        JsonObject sent = send(a, conversation, "helo");
        b.event("new_message");
        alicesPhone.event("new_message");

        JsonObject edited = a.ack("edit_message", Payload.of("conversationId", conversation, "seq", 1,
                "content", "hello")).getJsonObject("message");

        assertThat(edited.getString("content")).isEqualTo("hello");
        assertThat(edited.getJsonNumber("id")).isEqualTo(sent.getJsonNumber("id"));
        assertThat(edited.getInt("seq")).isEqualTo(1);
        assertThat(edited.getInt("rev")).isEqualTo(2);
        assertThat(Instant.parse(edited.getString("editedAt"))).isAfterOrEqualTo(
                Instant.parse(sent.getString("createdAt")));
        assertThat(edited.get("deletedAt")).isEqualTo(JsonValue.NULL);
        assertThat(edited.getString("createdAt")).isEqualTo(sent.getString("createdAt"));
        for (ChatClient other : List.of(b, alicesPhone)) {
            assertThat(other.eventPayload("message_updated").getJsonObject("message")).isEqualTo(edited);
        }
        assertThat(a.hasEvent("message_updated")).as("the editing connection has the ack").isFalse();
        assertThat(page(b, conversation).get(0)).isEqualTo(edited);
    }

    @Test
    void anEditToTheSameContentChangesNothingAndAnnouncesNothing() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        JsonObject sent = send(a, conversation, "same");

        JsonObject again = a.ack("edit_message", Payload.of("conversationId", conversation, "seq", 1,
                "content", "same")).getJsonObject("message");

        assertThat(again).isEqualTo(sent);
        b.event("new_message");
        assertThat(b.hasEvent("message_updated")).isFalse();
        JsonObject retried = edit(a, conversation, 1, "changed");
        assertThat(edit(a, conversation, 1, "changed")).as("a retried edit is a no-op").isEqualTo(retried);
        assertThat(b.eventPayload("message_updated").getJsonObject("message")).isEqualTo(retried);
        assertThat(b.hasEvent("message_updated")).isFalse();
    }

    @Test
    void onlyTheSenderMayEditAndEditsFollowTheSendLimits() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        ChatClient eve = users.connect(Tokens.newUserId("eve"));
        long conversation = a.directConversationWith(bob);
        send(a, conversation, "mine");

        assertError(b.error("edit_message", edit(conversation, 1, "yours")), "FORBIDDEN",
                "only the sender may edit a message");
        assertError(eve.error("edit_message", edit(conversation, 1, "x")), "FORBIDDEN",
                "not a participant of conversation " + conversation);
        assertError(a.error("edit_message", edit(conversation, 9, "x")), "NOT_FOUND",
                "no message 9 in conversation " + conversation);
        assertError(a.error("edit_message", Payload.of("seq", 1, "content", "x")), "BAD_REQUEST",
                "conversationId is required");
        assertError(a.error("edit_message", Payload.of("conversationId", conversation, "content", "x")),
                "BAD_REQUEST", "seq is required");
        assertError(a.error("edit_message", edit(conversation, 0, "x")), "BAD_REQUEST",
                "seq must be a positive integer");
        assertError(a.error("edit_message", Payload.of("conversationId", conversation, "seq", 1)), "BAD_REQUEST",
                "content is required");
        assertError(a.error("edit_message", edit(conversation, 1, "  ")), "BAD_REQUEST",
                "content must not be blank");
        assertError(a.error("edit_message", edit(conversation, 1, "x".repeat(4001))), "PAYLOAD_TOO_LARGE",
                "content must be at most 4000 characters");
        assertThat(page(a, conversation).get(0).getString("content")).isEqualTo("mine");
    }

    @Test
    void anEditAfterTheEditWindowIsRefused() throws SQLException {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("window");
        send(a, conversation, "old");
        send(a, conversation, "recent");
        // the tests run with chat.messages.edit-window = 1h (pom.xml)
        backdate(conversation, 1, "2 hours");
        backdate(conversation, 2, "50 minutes");

        assertError(a.error("edit_message", edit(conversation, 1, "new")), "FORBIDDEN",
                "a message may be edited only within 3600 seconds of sending it");
        assertThat(edit(a, conversation, 2, "still editable").getString("content")).isEqualTo("still editable");
    }

    @Test
    void aDeletionErasesTheTextKeepsSeqAndIdAndIsIdempotent() throws SQLException {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        JsonObject sent = send(a, conversation, "my secret plan");
        send(a, conversation, "after");
        b.ack("add_reaction", Payload.of("conversationId", conversation, "seq", 1, "emoji", "👍"));

        JsonObject deleted = a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 1))
                .getJsonObject("message");

        assertThat(deleted.getString("content")).isEmpty();
        assertThat(deleted.getJsonArray("reactions")).isEmpty();
        assertThat(deleted.getString("deletedAt")).isNotNull();
        assertThat(deleted.getJsonNumber("id")).isEqualTo(sent.getJsonNumber("id"));
        assertThat(deleted.getInt("seq")).isEqualTo(1);
        assertThat(deleted.getInt("rev")).isEqualTo(4);
        b.event("new_message");
        b.event("new_message");
        assertThat(b.eventPayload("message_updated").getJsonObject("message")).isEqualTo(deleted);
        assertThat(storedTextsOf(conversation)).containsExactly("", "after");
        assertThat(storedReactionsOf(conversation, 1)).isEqualTo("[]");
        assertThat(searchVectorOf(conversation, 1)).as("the search index holds nothing of it").isEmpty();

        JsonObject twice = a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 1))
                .getJsonObject("message");
        assertThat(twice).isEqualTo(deleted);
        assertThat(b.hasEvent("message_updated")).isFalse();
        assertError(a.error("edit_message", edit(conversation, 1, "back")), "CONFLICT", "message 1 was deleted");
        assertError(b.error("add_reaction", Payload.of("conversationId", conversation, "seq", 1, "emoji", "👍")),
                "CONFLICT", "message 1 was deleted");
        assertError(b.error("remove_reaction", Payload.of("conversationId", conversation, "seq", 1, "emoji", "👍")),
                "CONFLICT", "message 1 was deleted");
        assertThat(page(b, conversation)).extracting(m -> m.getInt("seq")).containsExactly(1, 2);
    }

    @Test
    void inAGroupItsOwnerMayDeleteAnyMessageAndAMemberOnlyTheirOwn() {
        ChatClient owner = users.connect(Tokens.newUserId("owner"));
        ChatClient member = users.connect(Tokens.newUserId("member"));
        ChatClient other = users.connect(Tokens.newUserId("other"));
        long group = owner.createGroupWith("moderated", member, other);
        send(member, group, "spam");
        send(member, group, "more spam");

        assertError(other.error("delete_message", Payload.of("conversationId", group, "seq", 1)), "FORBIDDEN",
                "only the sender, or in a group its owner or an admin, may delete a message");
        assertThat(owner.ack("delete_message", Payload.of("conversationId", group, "seq", 1))
                .getJsonObject("message").getString("deletedAt")).isNotNull();
        assertThat(member.ack("delete_message", Payload.of("conversationId", group, "seq", 2))
                .getJsonObject("message").getString("content")).isEmpty();
        assertError(owner.error("edit_message", edit(group, 2, "x")), "FORBIDDEN",
                "only the sender may edit a message");
    }

    @Test
    void inADirectConversationOnlyTheSenderMayDelete() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        send(b, conversation, "bob's");

        assertError(a.error("delete_message", Payload.of("conversationId", conversation, "seq", 1)), "FORBIDDEN",
                "only the sender, or in a group its owner or an admin, may delete a message");
        assertError(a.error("delete_message", Payload.of("conversationId", conversation)), "BAD_REQUEST",
                "seq is required");
        assertError(a.error("delete_message", Payload.of("conversationId", conversation, "seq", 5)), "NOT_FOUND",
                "no message 5 in conversation " + conversation);
    }

    @Test
    void everyChangeTakesTheNextRevOfItsConversation() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("revs");
        List<Integer> revs = new ArrayList<>();
        revs.add(send(a, conversation, "one").getInt("rev"));
        revs.add(send(a, conversation, "two").getInt("rev"));
        revs.add(edit(a, conversation, 1, "uno").getInt("rev"));
        revs.add(a.ack("add_reaction", Payload.of("conversationId", conversation, "seq", 2, "emoji", ":tada:"))
                .getJsonObject("message").getInt("rev"));
        revs.add(a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 2))
                .getJsonObject("message").getInt("rev"));
        revs.add(send(a, conversation, "three").getInt("rev"));

        assertThat(revs).containsExactly(1, 2, 3, 4, 5, 6);
        JsonObject listed = a.ack("load_conversations", Payload.of()).getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("id").longValue() == conversation).findFirst().orElseThrow();
        assertThat(listed.getInt("lastRev")).isEqualTo(6);
        assertThat(listed.getInt("lastSeq")).isEqualTo(3);
        assertThat(page(a, conversation)).extracting(m -> m.getInt("rev")).containsExactly(3, 5, 6);
    }

    @Test
    void concurrentChangesReachEveryConnectionInRevOrder() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient watcher = users.connect(Tokens.newUserId("watcher"));
        long group = a.createGroupWith("busy", b, watcher);
        send(a, group, "react to me");
        List<Map.Entry<String, JsonObject>> burst = new ArrayList<>();
        for (String emoji : List.of("😀", "😃", "😄", "😁", "😆", "😅", "🤣", "😂")) {
            burst.add(Map.entry("add_reaction", Payload.of("conversationId", group, "seq", 1, "emoji", emoji)));
        }
        Thread other = new Thread(() -> b.pipelined(burst));
        other.start();
        a.pipelined(burst);
        join(other);

        List<Integer> seen = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            seen.add(watcher.eventPayload("message_updated").getJsonObject("message").getInt("rev"));
        }
        assertThat(seen).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(2, 17).boxed().toList());
        JsonObject last = page(watcher, group).get(0);
        assertThat(last.getJsonArray("reactions")).hasSize(8);
        assertThat(last.getJsonArray("reactions").getJsonObject(0).getJsonArray("userIds")).hasSize(2);
    }

    static JsonObject send(ChatClient client, long conversation, String content) {
        return client.ack("send_message", Payload.of("conversationId", conversation, "content", content))
                .getJsonObject("message");
    }

    static JsonObject edit(long conversation, int seq, String content) {
        return Payload.of("conversationId", conversation, "seq", seq, "content", content);
    }

    static JsonObject edit(ChatClient client, long conversation, int seq, String content) {
        return client.ack("edit_message", edit(conversation, seq, content)).getJsonObject("message");
    }

    static List<JsonObject> page(ChatClient client, long conversation) {
        return client.ack("load_messages", Payload.of("conversationId", conversation))
                .getJsonArray("messages").getValuesAs(JsonObject.class);
    }

    static void join(Thread thread) {
        try {
            thread.join(ChatClient.WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password", ""));
    }

    private static void backdate(long conversation, int seq, String age) throws SQLException {
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
                "UPDATE messages SET created_at = now() - CAST(? AS interval) WHERE conversation_id = ? AND seq = ?")) {
            update.setString(1, age);
            update.setLong(2, conversation);
            update.setInt(3, seq);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    private static List<String> storedTextsOf(long conversation) throws SQLException {
        return column("SELECT content FROM messages WHERE conversation_id = ? ORDER BY seq", conversation);
    }

    private static String storedReactionsOf(long conversation, int seq) throws SQLException {
        return column("SELECT reactions FROM messages WHERE conversation_id = ? AND seq = " + seq, conversation)
                .get(0);
    }

    private static String searchVectorOf(long conversation, int seq) throws SQLException {
        return column("SELECT search_vector::text FROM messages WHERE conversation_id = ? AND seq = " + seq,
                conversation).get(0);
    }

    static List<String> column(String sql, long conversation) throws SQLException {
        try (Connection db = database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, conversation);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
