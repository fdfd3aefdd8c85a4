package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sending, fan-out, authorization, paging, and the protocol's answers to bad frames. */
class MessagesIT extends DeployedChat {

    @Test
    void storesMessagesWithConsecutiveSeqsAndAcksThem() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        long conversation = group(a);

        JsonObject first = a.ack("send_message", Payload.of("conversationId", conversation, "content", "hello",
                "clientMessageId", "c-1")).getJsonObject("message");
        JsonObject second = a.ack("send_message", Payload.of("conversationId", String.valueOf(conversation),
                "content", "again")).getJsonObject("message");

        assertThat(first.getJsonNumber("id").longValue()).isPositive();
        assertThat(first.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
        assertThat(first.getInt("seq")).isEqualTo(1);
        assertThat(first.getString("senderId")).isEqualTo(alice);
        assertThat(first.getString("content")).isEqualTo("hello");
        assertThat(first.getString("clientMessageId")).isEqualTo("c-1");
        assertThat(Instant.parse(first.getString("createdAt"))).isBefore(Instant.now().plusSeconds(5));
        assertThat(second.getInt("seq")).isEqualTo(2);
        assertThat(second.get("clientMessageId")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void fansNewMessageOutToEveryParticipantConnectionButTheSendingOne() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient bobInRoom = users.connect(bob);
        ChatClient bobElsewhere = users.connect(bob);
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        long conversation = a.directConversationWith(bob);
        bobInRoom.ack("join_conversation", Payload.of("conversationId", conversation));

        JsonObject sent = a.ack("send_message", Payload.of("conversationId", conversation, "content", "hi bob"))
                .getJsonObject("message");

        for (ChatClient receiver : List.of(alicesPhone, bobInRoom, bobElsewhere)) {
            JsonObject event = receiver.event("new_message");
            assertThat(event.get("requestId")).isEqualTo(JsonValue.NULL);
            assertThat(event.getJsonObject("payload").getJsonObject("message")).isEqualTo(sent);
        }
        assertThat(a.hasEvent("new_message")).as("the sender's connection has the ack").isFalse();
        assertThat(outsider.hasEvent("new_message")).isFalse();
    }

    @Test
    void retriedSendWithSameClientMessageIdIsStoredOnceAndAnnouncedOnce() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        long conversation = a.directConversationWith(bob);

        JsonObject payload = Payload.of("conversationId", conversation, "content", "once", "clientMessageId", "u-1");
        JsonObject first = a.ack("send_message", payload).getJsonObject("message");
        JsonObject retry = a.ack("send_message", payload).getJsonObject("message");

        assertThat(retry).isEqualTo(first);
        b.event("new_message");
        assertThat(b.hasEvent("new_message")).isFalse();
        assertThat(b.ack("load_messages", Payload.of("conversationId", conversation)).getJsonArray("messages"))
                .hasSize(1);
        // the retry's first attempt inserted nothing and took no seq: the next message follows the first
        JsonObject next = a.ack("send_message", Payload.of("conversationId", conversation, "content", "next",
                "clientMessageId", "u-2")).getJsonObject("message");
        assertThat(next.getJsonNumber("seq").longValue()).isEqualTo(first.getJsonNumber("seq").longValue() + 1);
        assertThat(b.event("new_message").getJsonObject("payload").getJsonObject("message")).isEqualTo(next);
    }

    @Test
    void refusesInvalidMessages() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = group(a);
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", " \n ")),
                "BAD_REQUEST", "content must not be blank");
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", "")),
                "BAD_REQUEST", "content must not be blank");
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", "x".repeat(4001))),
                "PAYLOAD_TOO_LARGE", "content must be at most 4000 characters");
        assertError(a.error("send_message", Payload.of("conversationId", conversation)), "BAD_REQUEST",
                "content is required");
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", 7)),
                "BAD_REQUEST", "content must be a string");
        assertError(a.error("send_message", Payload.of("content", "hi")), "BAD_REQUEST",
                "conversationId is required");
        assertError(a.error("send_message", Payload.of("conversationId", true, "content", "hi")), "BAD_REQUEST",
                "conversationId must be a non-negative integer");
        assertError(a.error("send_message", Payload.of("conversationId", conversation, "content", "hi",
                "clientMessageId", "c".repeat(65))), "BAD_REQUEST", "clientMessageId must be 1 to 64 characters");
        // the limit counts characters as people do: 4000 emoji fit
        assertThat(a.ack("send_message", Payload.of("conversationId", conversation, "content", "😀".repeat(4000)))
                .getJsonObject("message").getInt("seq")).isEqualTo(1);
    }

    @Test
    void outsiderCanNeitherReadWriteJoinNorLearnAnything() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        long conversation = group(a);
        a.ack("send_message", Payload.of("conversationId", conversation, "content", "secret"));
        long missing = conversation + 1_000_000;

        for (long id : List.of(conversation, missing)) {
            String expected = "not a participant of conversation " + id;
            assertError(outsider.error("send_message", Payload.of("conversationId", id, "content", "x")),
                    "FORBIDDEN", expected);
            assertError(outsider.error("load_messages", Payload.of("conversationId", id)), "FORBIDDEN", expected);
            assertError(outsider.error("join_conversation", Payload.of("conversationId", id)), "FORBIDDEN",
                    expected);
            assertError(outsider.error("typing_start", Payload.of("conversationId", id)), "FORBIDDEN", expected);
        }
        assertThat(outsider.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("conversations"))
                .isEmpty();
        a.ack("send_message", Payload.of("conversationId", conversation, "content", "more secret"));
        assertThat(outsider.hasEvent("new_message")).isFalse();
        assertThat(a.ack("load_messages", Payload.of("conversationId", conversation)).getJsonArray("messages"))
                .hasSize(2);
    }

    @Test
    void pagesThroughMessagesInAscendingSeqOrder() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = group(a);
        assertPage(a, Payload.of("conversationId", conversation), List.of(), false);
        for (int i = 1; i <= 7; i++) {
            a.ack("send_message", Payload.of("conversationId", conversation, "content", "m" + i));
        }

        assertPage(a, Payload.of("conversationId", conversation), List.of(1, 2, 3, 4, 5, 6, 7), false);
        assertPage(a, Payload.of("conversationId", conversation, "limit", 7), List.of(1, 2, 3, 4, 5, 6, 7), false);
        assertPage(a, Payload.of("conversationId", conversation, "limit", 3), List.of(5, 6, 7), true);
        assertPage(a, Payload.of("conversationId", conversation, "beforeSeq", 5, "limit", 3), List.of(2, 3, 4), true);
        assertPage(a, Payload.of("conversationId", conversation, "beforeSeq", 4, "limit", 3), List.of(1, 2, 3), false);
        assertPage(a, Payload.of("conversationId", conversation, "beforeSeq", 1), List.of(), false);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 3, "limit", 3), List.of(4, 5, 6), true);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 4, "limit", 3), List.of(5, 6, 7), false);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 7), List.of(), false);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 0, "limit", 2), List.of(1, 2), true);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 1, "beforeSeq", 6), List.of(2, 3, 4, 5),
                false);
        assertPage(a, Payload.of("conversationId", conversation, "afterSeq", 1, "beforeSeq", 6, "limit", 2),
                List.of(2, 3), true);
        assertPage(a, Payload.of("conversationId", conversation, "limit", 200), List.of(1, 2, 3, 4, 5, 6, 7), false);
        assertError(a.error("load_messages", Payload.of("conversationId", conversation, "limit", 0)), "BAD_REQUEST",
                "limit must be between 1 and 200");
        assertError(a.error("load_messages", Payload.of("conversationId", conversation, "limit", 201)),
                "BAD_REQUEST", "limit must be between 1 and 200");
        assertError(a.error("load_messages", Payload.of("conversationId", conversation, "beforeSeq", -1)),
                "BAD_REQUEST", "beforeSeq must be a non-negative integer");
    }

    @Test
    void defaultPageIsTheNewestFifty() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = group(a);
        for (int i = 1; i <= 52; i++) {
            a.ack("send_message", Payload.of("conversationId", conversation, "content", "m" + i));
        }
        JsonObject page = a.ack("load_messages", Payload.of("conversationId", conversation));
        List<Integer> seqs = seqs(page);
        assertThat(seqs).hasSize(50);
        assertThat(seqs.get(0)).isEqualTo(3);
        assertThat(seqs.get(49)).isEqualTo(52);
        assertThat(page.getBoolean("hasMore")).isTrue();
    }

    @Test
    void memberWhoJoinedByInviteChatsWithTheOwner() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        long conversation = a.createGroupWith("Team", b);

        b.ack("send_message", Payload.of("conversationId", conversation, "content", "hi all"));

        assertThat(a.eventPayload("new_message").getJsonObject("message").getString("content")).isEqualTo("hi all");
        a.ack("send_message", Payload.of("conversationId", conversation, "content", "welcome"));
        assertThat(b.eventPayload("new_message").getJsonObject("message").getInt("seq")).isEqualTo(2);
    }

    @Test
    void pipelinedSendsAreAnsweredInOrderAndARequestAfterThemSeesThem() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        long conversation = group(a);
        List<Map.Entry<String, JsonObject>> requests = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            requests.add(Map.entry("send_message", Payload.of("conversationId", conversation, "content", "m" + i,
                    "clientMessageId", "p-" + (i == 20 ? 19 : i))));
        }
        requests.add(Map.entry("load_messages", Payload.of("conversationId", conversation, "limit", 50)));
        requests.add(Map.entry("send_message", Payload.of("conversationId", conversation, "content", " ")));

        List<JsonObject> answers = a.pipelined(requests);

        assertThat(answers).hasSize(22);
        for (int i = 0; i < 19; i++) {
            JsonObject message = answers.get(i).getJsonObject("payload").getJsonObject("message");
            assertThat(message.getInt("seq")).as("answer %d", i).isEqualTo(i + 1);
            assertThat(message.getString("content")).isEqualTo("m" + (i + 1));
        }
        JsonObject retried = answers.get(19).getJsonObject("payload").getJsonObject("message");
        assertThat(retried.getInt("seq")).as("the same clientMessageId, pipelined: stored once").isEqualTo(19);
        assertThat(retried.getString("content")).isEqualTo("m19");
        JsonObject page = answers.get(20).getJsonObject("payload");
        assertThat(page.getJsonArray("messages")).as("the page sees every send before it").hasSize(19);
        assertThat(answers.get(21).getString("type")).isEqualTo("error");
        assertThat(answers.get(21).getJsonObject("payload").getString("message"))
                .isEqualTo("content must not be blank");
    }

    private static long group(ChatClient owner) {
        return owner.ack("create_group", Payload.of("name", "g")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();
    }

    private static void assertPage(ChatClient client, JsonObject request, List<Integer> seqs, boolean hasMore) {
        JsonObject page = client.ack("load_messages", request);
        assertThat(seqs(page)).as(request.toString()).isEqualTo(seqs);
        assertThat(page.getBoolean("hasMore")).as(request + " hasMore").isEqualTo(hasMore);
    }

    private static List<Integer> seqs(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream().map(m -> m.getInt("seq")).toList();
    }

}
