package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.enterprisechat.messages.MessageLifecycleIT.edit;
import static dev.enterprisechat.messages.MessageLifecycleIT.page;
import static dev.enterprisechat.messages.MessageLifecycleIT.send;
import static org.assertj.core.api.Assertions.assertThat;

/** Reactions (order, idempotence, limits) and replies (the quote as the original is now). */
class ReactionsAndRepliesIT extends DeployedChat {

    @Test
    void reactionsKeepTheOrderOfTheirFirstUseAndOfTheirReactors() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        send(a, conversation, "react");
        b.event("new_message");

        react(b, "add_reaction", conversation, "👍");
        react(a, "add_reaction", conversation, "👍");
        JsonObject message = react(a, "add_reaction", conversation, "❤️");

        assertThat(reactions(message)).containsExactly("👍=" + List.of(bob, alice), "❤️=" + List.of(alice));
        assertThat(b.eventPayload("message_updated").getJsonObject("message").getInt("rev")).isEqualTo(3);
        assertThat(b.eventPayload("message_updated").getJsonObject("message")).isEqualTo(message);
        assertThat(react(a, "add_reaction", conversation, "❤️")).as("adding one again changes nothing")
                .isEqualTo(message);
        assertThat(react(b, "remove_reaction", conversation, "❤️")).as("removing one not had changes nothing")
                .isEqualTo(message);
        assertThat(b.hasEvent("message_updated")).isFalse();

        assertThat(reactions(react(a, "remove_reaction", conversation, "👍")))
                .containsExactly("👍=" + List.of(bob), "❤️=" + List.of(alice));
        JsonObject last = react(b, "remove_reaction", conversation, "👍");
        assertThat(reactions(last)).containsExactly("❤️=" + List.of(alice));
        assertThat(last.getInt("rev")).isEqualTo(6);
        assertThat(page(b, conversation).get(0)).isEqualTo(last);
    }

    @Test
    void anEmojiIsOneEmojiOrAShortcode() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = a.createGroupWith("emoji");
        send(a, conversation, "faces");

        for (String fine : List.of(":thumbs_up:", "👍🏽", "👨‍👩‍👧", "🇫🇷", "1️⃣", "☕", "❤️")) {
            assertThat(reactions(react(a, "add_reaction", conversation, fine))).as(fine).anyMatch(
                    r -> r.startsWith(fine + "="));
        }
        for (String bad : List.of("hello", "👍👍", "a👍", ":Thumbs:", ":x", "::", "🇫", ":" + "a".repeat(31) + ":")) {
            assertError(a.error("add_reaction", reaction(conversation, bad)), "BAD_REQUEST",
                    "emoji must be one emoji or a :shortcode: of 1 to 32 characters");
        }
        assertError(a.error("add_reaction", Payload.of("conversationId", conversation, "seq", 1)), "BAD_REQUEST",
                "emoji is required");
        assertError(a.error("add_reaction", Payload.of("conversationId", conversation, "seq", 1, "emoji", 7)),
                "BAD_REQUEST", "emoji must be a string");
        assertError(a.error("remove_reaction", Payload.of("conversationId", conversation, "emoji", "👍")),
                "BAD_REQUEST", "seq is required");
    }

    @Test
    void aMessageHoldsAtMostTwentyDifferentReactions() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        ChatClient eve = users.connect(Tokens.newUserId("eve"));
        long conversation = a.directConversationWith(bob);
        send(a, conversation, "popular");
        for (int i = 0; i < 20; i++) {
            react(a, "add_reaction", conversation, ":r" + i + ":");
        }

        assertError(b.error("add_reaction", reaction(conversation, ":one_more:")), "CONFLICT",
                "a message holds at most 20 different reactions");
        assertThat(reactions(react(b, "add_reaction", conversation, ":r3:"))).hasSize(20);
        assertError(eve.error("add_reaction", reaction(conversation, "👍")), "FORBIDDEN",
                "not a participant of conversation " + conversation);
        assertError(a.error("add_reaction", Payload.of("conversationId", conversation, "seq", 2, "emoji", "👍")),
                "NOT_FOUND", "no message 2 in conversation " + conversation);
    }

    @Test
    void aReplyQuotesTheOriginalAsItIsNow() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);
        String longText = "🙂".repeat(60) + "x".repeat(60);
        send(a, conversation, longText);
        b.event("new_message");

        JsonObject reply = b.ack("send_message", Payload.of("conversationId", conversation, "content", "agreed",
                "replyToSeq", 1)).getJsonObject("message");

        JsonObject quote = reply.getJsonObject("replyTo");
        assertThat(quote.getInt("seq")).isEqualTo(1);
        assertThat(quote.getString("senderId")).isEqualTo(alice);
        assertThat(quote.getString("excerpt")).as("the first 100 characters").isEqualTo(
                "🙂".repeat(60) + "x".repeat(40));
        assertThat(a.eventPayload("new_message").getJsonObject("message")).isEqualTo(reply);
        assertThat(send(a, conversation, "plain").get("replyTo")).isEqualTo(JsonValue.NULL);

        edit(a, conversation, 1, "short now");
        assertThat(page(b, conversation).get(1).getJsonObject("replyTo").getString("excerpt")).isEqualTo("short now");
        a.ack("delete_message", Payload.of("conversationId", conversation, "seq", 1));
        JsonObject afterDeletion = page(b, conversation).get(1);
        assertThat(afterDeletion.getJsonObject("replyTo").getString("excerpt")).isEmpty();
        assertThat(afterDeletion.getInt("rev")).as("a reply does not change with its original").isEqualTo(2);
        assertThat(b.ack("send_message", Payload.of("conversationId", conversation, "content", "to the void",
                "replyToSeq", 1)).getJsonObject("message").getJsonObject("replyTo").getString("excerpt")).isEmpty();
    }

    @Test
    void aReplyMustNameAMessageOfTheSameConversation() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        users.connect(bob);
        long conversation = a.directConversationWith(bob);
        long elsewhere = a.createGroupWith("elsewhere");
        send(a, elsewhere, "one");
        send(a, elsewhere, "two");
        send(a, conversation, "only one here");

        assertError(a.error("send_message", replyTo(conversation, 2)), "NOT_FOUND",
                "no message 2 in conversation " + conversation);
        assertError(a.error("send_message", replyTo(conversation, 0)), "BAD_REQUEST",
                "replyToSeq must be a positive integer");
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", "x",
                "replyToSeq", "two")), "BAD_REQUEST", "replyToSeq must be a non-negative integer");
        assertThat(page(a, conversation)).hasSize(1);
    }

    private static JsonObject replyTo(long conversation, int seq) {
        return Payload.of("conversationId", conversation, "content", "re", "replyToSeq", seq);
    }

    private static JsonObject reaction(long conversation, String emoji) {
        return Payload.of("conversationId", conversation, "seq", 1, "emoji", emoji);
    }

    private static JsonObject react(ChatClient client, String type, long conversation, String emoji) {
        return client.ack(type, reaction(conversation, emoji)).getJsonObject("message");
    }

    private static List<String> reactions(JsonObject message) {
        return message.getJsonArray("reactions").getValuesAs(JsonObject.class).stream()
                .map(r -> r.getString("emoji") + "=" + r.getJsonArray("userIds").getValuesAs(JsonString.class)
                        .stream().map(JsonString::getString).toList())
                .toList();
    }
}
