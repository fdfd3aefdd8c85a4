package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.enterprisechat.messages.MessageLifecycleIT.edit;
import static dev.enterprisechat.messages.MessageLifecycleIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/** search_messages: whole words over the caller's conversations, newest first, never a deleted message. */
class SearchIT extends DeployedChat {

    @Test
    void findsTheCallersMessagesByWordNewestFirst() {
        String word = unique("zebra");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient eve = users.connect(Tokens.newUserId("eve"));
        long shared = a.createGroupWith("zoo", b);
        long alone = a.createGroupWith("notes");
        long elsewhere = eve.createGroupWith("eve's");
        send(a, shared, "the " + word + " escaped");
        send(b, shared, "nothing to see");
        send(a, alone, word.toUpperCase() + " again, in capitals!");
        send(eve, elsewhere, "a " + word + " no one else sees");

        JsonObject found = a.ack("search_messages", Payload.of("query", word));

        assertThat(contents(found)).containsExactly(word.toUpperCase() + " again, in capitals!",
                "the " + word + " escaped");
        assertThat(found.getBoolean("hasMore")).isFalse();
        assertThat(found.get("nextCursor")).isEqualTo(JsonValue.NULL);
        assertThat(contents(b.ack("search_messages", Payload.of("query", word)))).containsExactly(
                "the " + word + " escaped");
        assertThat(contents(a.ack("search_messages", Payload.of("query", word + " escaped")))).containsExactly(
                "the " + word + " escaped");
        assertThat(contents(a.ack("search_messages", Payload.of("query", word, "conversationId", alone))))
                .hasSize(1);
        JsonObject first = a.ack("search_messages", Payload.of("query", word)).getJsonArray("results")
                .getJsonObject(1);
        assertThat(first.getInt("seq")).isEqualTo(1);
        assertThat(first.getJsonNumber("conversationId").longValue()).isEqualTo(shared);
    }

    @Test
    void deletedMessagesAreNeverFoundAndEditsAreFoundByTheirNewWords() {
        String old = unique("walrus");
        String replacement = unique("narwhal");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("sea");
        send(a, conversation, "a " + old + " here");
        send(a, conversation, "another " + old);

        edit(a, conversation, 1, "a " + replacement + " here");
        a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 2));

        assertThat(contents(a.ack("search_messages", Payload.of("query", old)))).isEmpty();
        assertThat(contents(a.ack("search_messages", Payload.of("query", replacement))))
                .containsExactly("a " + replacement + " here");
    }

    @Test
    void resultsArePagedWithTheCursor() {
        String word = unique("page");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("pages");
        for (int i = 1; i <= 5; i++) {
            send(a, conversation, word + " " + i);
        }

        List<String> seen = new ArrayList<>();
        JsonObject page = a.ack("search_messages", Payload.of("query", word, "limit", 2));
        seen.addAll(contents(page));
        while (page.getBoolean("hasMore")) {
            page = a.ack("search_messages", Payload.of("query", word, "limit", 2,
                    "before", page.getString("nextCursor")));
            seen.addAll(contents(page));
        }
        assertThat(seen).containsExactly(word + " 5", word + " 4", word + " 3", word + " 2", word + " 1");
    }

    @Test
    void aQueryOfOnlyPunctuationFindsNothingAndBadQueriesAreRefused() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient eve = users.connect(Tokens.newUserId("eve"));
        long conversation = a.createGroupWith("punctuation");
        send(a, conversation, "?!... --");

        assertThat(contents(a.ack("search_messages", Payload.of("query", "?!...")))).isEmpty();
        assertError(a.error("search_messages", Payload.of()), "BAD_REQUEST", "query is required");
        assertError(a.error("search_messages", Payload.of("query", 5)), "BAD_REQUEST", "query must be a string");
        assertError(a.error("search_messages", Payload.of("query", "  ")), "BAD_REQUEST", "query must not be blank");
        assertError(a.error("search_messages", Payload.of("query", "x".repeat(201))), "BAD_REQUEST",
                "query must be at most 200 characters");
        assertError(a.error("search_messages", Payload.of("query", "x", "conversationId", 0)), "BAD_REQUEST",
                "conversationId must be a positive integer");
        assertError(a.error("search_messages", Payload.of("query", "x", "limit", 101)), "BAD_REQUEST",
                "limit must be between 1 and 100");
        assertError(a.error("search_messages", Payload.of("query", "x", "before", "abc")), "BAD_REQUEST",
                "before must be a nextCursor from an earlier answer");
        assertError(eve.error("search_messages", Payload.of("query", "x", "conversationId", conversation)),
                "FORBIDDEN", "not a participant of conversation " + conversation);
    }

    private static String unique(String word) {
        return word + Long.toString(System.nanoTime(), 36).replaceAll("[^a-z]", "");
    }

    private static List<String> contents(JsonObject found) {
        return found.getJsonArray("results").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("content")).toList();
    }
}
