package dev.enterprisechat.receipts;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Read positions only move forward, receipts reach every device, unread counts stay exact. */
class ReceiptsIT extends DeployedChat {

    private String alice;
    private String bob;
    private ChatClient a;
    private ChatClient b;
    private ChatClient c;
    private long conversation;

    @BeforeEach
    void aliceBobAndCarolInAGroup() {
        alice = Tokens.newUserId("alice");
        bob = Tokens.newUserId("bob");
        a = users.connect(alice);
        b = users.connect(bob);
        c = users.connect(Tokens.newUserId("carol"));
        conversation = a.createGroupWith("reads", b, c);
    }

    @Test
    void readPositionsOnlyMoveForwardAndStopAtTheNewestMessage() {
        send(b, 5);

        assertPosition(a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 3)), 3, 2);
        assertPosition(a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 2)), 3, 2);
        assertPosition(a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 3)), 3, 2);
        assertPosition(a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 999)), 5, 0);
        assertThat(conversationOf(a).getInt("lastReadSeq")).isEqualTo(5);
    }

    @Test
    void receiptsReachEveryParticipantAndTheReadersOtherDevicesOnlyWhenThePositionMoves() {
        ChatClient alicesPhone = users.connect(alice);
        send(b, 2);
        drain(a, c, alicesPhone);

        a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 2));

        for (ChatClient told : new ChatClient[]{alicesPhone, b, c}) {
            JsonObject receipt = told.eventPayload("read_receipt");
            assertThat(receipt.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
            assertThat(receipt.getString("userId")).isEqualTo(alice);
            assertThat(receipt.getInt("seq")).isEqualTo(2);
            assertThat(Instant.parse(receipt.getString("readAt"))).isBefore(Instant.now().plusSeconds(5));
        }
        assertThat(a.hasEvent("read_receipt")).as("the reader's connection has the ack").isFalse();

        a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 1));
        assertThat(b.hasEvent("read_receipt")).as("a position that does not move is not announced").isFalse();
    }

    @Test
    void unreadCountsFollowSendsFromSeveralUsersAndReads() {
        send(b, 3);
        send(c, 2);
        assertUnread(a, 0, 5);
        assertUnread(b, 3, 2);

        a.ack("mark_read", Payload.of("conversationId", conversation, "seq", 2));
        assertUnread(a, 2, 3);

        a.ack("send_message", Payload.of("conversationId", conversation, "content", "caught up"));
        assertUnread(a, 6, 0);
        assertUnread(b, 3, 3);
        assertUnread(c, 5, 1);
    }

    @Test
    void refusesBadReads() {
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        assertError(outsider.error("mark_read", Payload.of("conversationId", conversation, "seq", 1)), "FORBIDDEN",
                "not a participant of conversation " + conversation);
        assertError(a.error("mark_read", Payload.of("conversationId", conversation)), "BAD_REQUEST",
                "seq is required");
        assertError(a.error("mark_read", Payload.of("conversationId", conversation, "seq", -1)), "BAD_REQUEST",
                "seq must be a non-negative integer");
        assertError(a.error("mark_read", Payload.of("seq", 1)), "BAD_REQUEST", "conversationId is required");
    }

    private void send(ChatClient sender, int count) {
        for (int i = 0; i < count; i++) {
            sender.ack("send_message", Payload.of("conversationId", conversation, "content", "m" + i));
        }
    }

    private static void drain(ChatClient... clients) {
        for (ChatClient client : clients) {
            client.barrier();
        }
    }

    private void assertUnread(ChatClient client, int lastReadSeq, int unread) {
        JsonObject listed = conversationOf(client);
        assertThat(listed.getInt("lastReadSeq")).isEqualTo(lastReadSeq);
        assertThat(listed.getInt("unreadCount")).isEqualTo(unread);
    }

    private JsonObject conversationOf(ChatClient client) {
        return client.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream()
                .filter(x -> x.getJsonNumber("id").longValue() == conversation).findFirst().orElseThrow();
    }

    private void assertPosition(JsonObject ack, int lastReadSeq, int unread) {
        assertThat(ack.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
        assertThat(ack.getInt("lastReadSeq")).isEqualTo(lastReadSeq);
        assertThat(ack.getInt("unreadCount")).isEqualTo(unread);
    }
}
