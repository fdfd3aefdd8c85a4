package dev.enterprisechat.conversations;

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
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody is stuck with what others do to them: a user put into a conversation can leave it, a user can block
 * another, and presence is shown only where both users consented to being seen (a shared group, or a conversation
 * both have written in).
 */
class ConsentIT extends DeployedChat {

    private static final Duration GRACE = Duration.ofSeconds(1);

    @Test
    void aUserPutIntoAConversationLeavesItAndHearsNothingMoreOfIt() {
        String bobId = Tokens.newUserId("bob");
        String carolId = Tokens.newUserId("carol");
        ChatClient alice = users.connect(Tokens.newUserId("alice"));
        ChatClient bob = users.connect(bobId);
        ChatClient bobsPhone = users.connect(bobId);
        ChatClient carol = users.connect(carolId);
        long conversation = alice.ack("create_conversation", Payload.of("participantIds", List.of(bobId, carolId),
                "title", "unasked")).getJsonObject("conversation").getJsonNumber("id").longValue();
        bob.ack("send_message", Payload.of("conversationId", conversation, "content", "what is this?"));
        for (ChatClient other : List.of(alice, carol, bobsPhone)) {
            other.eventPayload("new_message");
        }
        bobsPhone.ack("join_conversation", Payload.of("conversationId", conversation));

        assertThat(bob.ack("exit_conversation", Payload.of("conversationId", conversation))).isEmpty();

        for (ChatClient told : List.of(alice, carol, bobsPhone)) {
            JsonObject left = told.eventPayload("member_left");
            assertThat(left.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
            assertThat(left.get("groupId")).isEqualTo(JsonValue.NULL);
            assertThat(left.getString("userId")).isEqualTo(bobId);
            assertThat(left.getString("reason")).isEqualTo("left");
        }
        assertThat(bob.hasEvent("member_left")).as("the leaving connection has the ack").isFalse();

        alice.ack("join_conversation", Payload.of("conversationId", conversation));
        alice.ack("typing_start", Payload.of("conversationId", conversation));
        long seq = alice.ack("send_message", Payload.of("conversationId", conversation, "content", "still there?"))
                .getJsonObject("message").getJsonNumber("seq").longValue();
        carol.ack("mark_read", Payload.of("conversationId", conversation, "seq", seq));
        for (ChatClient gone : List.of(bob, bobsPhone)) {
            assertThat(gone.hasEvent("new_message")).isFalse();
            assertThat(gone.hasEvent("typing")).isFalse();
            assertThat(gone.hasEvent("read_receipt")).isFalse();
        }
        assertError(bob.error("load_messages", Payload.of("conversationId", conversation)), "FORBIDDEN",
                "not a participant of conversation " + conversation);
        assertError(bob.error("send_message", Payload.of("conversationId", conversation, "content", "hi")),
                "FORBIDDEN", "not a participant of conversation " + conversation);
        assertThat(bob.ack("load_conversations", Payload.of()).getJsonArray("conversations")).isEmpty();
        assertThat(alice.ack("load_messages", Payload.of("conversationId", conversation)).getJsonArray("messages")
                .getValuesAs(JsonObject.class)).as("what the leaver wrote stays")
                .anySatisfy(m -> assertThat(m.getString("senderId")).isEqualTo(bobId));
    }

    @Test
    void directConversationsCannotBeLeftAndOutsidersCannotLeaveAnything() {
        String bobId = Tokens.newUserId("bob");
        ChatClient alice = users.connect(Tokens.newUserId("alice"));
        users.connect(bobId);
        ChatClient eve = users.connect(Tokens.newUserId("eve"));
        long direct = alice.directConversationWith(bobId);

        assertError(alice.error("exit_conversation", Payload.of("conversationId", direct)), "BAD_REQUEST",
                "a direct conversation cannot be left: block the user instead");
        assertError(eve.error("exit_conversation", Payload.of("conversationId", direct)), "FORBIDDEN",
                "not a participant of conversation " + direct);
        assertError(eve.error("exit_conversation", Payload.of()), "BAD_REQUEST", "conversationId is required");
    }

    @Test
    void aGroupCanBeLeftAndJoinedAgainAndItsOwnershipPasses() throws SQLException {
        String aliceId = Tokens.newUserId("alice");
        String bobId = Tokens.newUserId("bob");
        ChatClient alice = users.connect(aliceId);
        ChatClient bob = users.connect(bobId);
        JsonObject group = alice.ack("create_group", Payload.of("name", "club")).getJsonObject("group");
        long conversation = group.getJsonNumber("conversationId").longValue();
        bob.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));

        alice.ack("exit_conversation", Payload.of("conversationId", conversation));

        JsonObject left = bob.eventPayload("member_left");
        assertThat(left.getJsonNumber("groupId").longValue()).isEqualTo(group.getJsonNumber("id").longValue());
        assertThat(role(conversation, bobId)).as("the longest member owns it now").isEqualTo("owner");
        alice.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
        assertThat(bob.eventPayload("member_joined").getJsonObject("user").getString("userId")).isEqualTo(aliceId);
        assertThat(role(conversation, aliceId)).isEqualTo("member");
    }

    @Test
    void aBlockedUserCannotStartConversationsOrWriteDirectlyToTheBlocker() {
        String aliceId = Tokens.newUserId("alice");
        String bobId = Tokens.newUserId("bob");
        String carolId = Tokens.newUserId("carol");
        ChatClient alice = users.connect(aliceId);
        ChatClient bob = users.connect(bobId);
        users.connect(carolId);
        long direct = alice.directConversationWith(bobId);
        // written in before the block: the writer has locked the conversation and knows its kind, and still reads
        // blocks for it (it skips that read only for conversations it knows to be groups)
        alice.ack("send_message", Payload.of("conversationId", direct, "content", "before the block"));
        assertThat(bob.eventPayload("new_message").getJsonObject("message").getString("content"))
                .isEqualTo("before the block");

        assertThat(bob.ack("block_user", Payload.of("userId", aliceId))).isEmpty();

        String refusal = "user " + bobId + " is unknown or does not accept conversations with you";
        assertError(alice.error("create_conversation", Payload.of("participantIds", List.of(bobId))),
                "NOT_FOUND", refusal);
        assertError(alice.error("create_conversation", Payload.of("participantIds", List.of(carolId, bobId),
                "title", "t")), "NOT_FOUND", refusal);
        String nobody = Tokens.newUserId("nobody");
        assertError(alice.error("create_conversation", Payload.of("participantIds", List.of(nobody))),
                "NOT_FOUND", "user " + nobody + " is unknown or does not accept conversations with you");
        assertError(alice.error("send_message", Payload.of("conversationId", direct, "content", "hey")),
                "FORBIDDEN", "this user does not accept your messages");
        assertThat(bob.hasEvent("new_message")).isFalse();
        bob.ack("send_message", Payload.of("conversationId", direct, "content", "the blocker may still write"));

        bob.ack("unblock_user", Payload.of("userId", aliceId));
        alice.ack("send_message", Payload.of("conversationId", direct, "content", "thanks"));
        assertThat(bob.eventPayload("new_message").getJsonObject("message").getString("content")).isEqualTo("thanks");
    }

    @Test
    void blocksAreIdempotentListedAndRevealNothing() {
        String aliceId = Tokens.newUserId("alice");
        String bobId = Tokens.newUserId("bob");
        ChatClient alice = users.connect(aliceId);
        users.connect(bobId);
        String unknown = Tokens.newUserId("unknown");

        alice.ack("block_user", Payload.of("userId", bobId));
        alice.ack("block_user", Payload.of("userId", bobId));
        alice.ack("block_user", Payload.of("userId", unknown));

        List<JsonObject> blocked = alice.ack("load_blocked_users", Payload.of()).getJsonArray("users")
                .getValuesAs(JsonObject.class);
        assertThat(blocked).extracting(b -> b.getString("userId")).containsExactly(bobId, unknown);
        assertThat(blocked.get(0).getString("displayName")).isEqualTo(bobId);
        assertThat(blocked.get(1).get("displayName")).isEqualTo(JsonValue.NULL);
        assertThat(blocked.get(0).getString("blockedAt")).isNotBlank();

        alice.ack("unblock_user", Payload.of("userId", bobId));
        alice.ack("unblock_user", Payload.of("userId", bobId));
        assertThat(alice.ack("load_blocked_users", Payload.of()).getJsonArray("users")).hasSize(1);
        assertError(alice.error("block_user", Payload.of("userId", aliceId)), "BAD_REQUEST",
                "you cannot block yourself");
        assertError(alice.error("block_user", Payload.of("userId", "")), "BAD_REQUEST",
                "userId must be a user id of 1 to 255 characters");
        assertError(alice.error("unblock_user", Payload.of()), "BAD_REQUEST", "userId is required");
    }

    @Test
    void aBlockedUserSeesNoPresenceOfTheBlocker() {
        String aliceId = Tokens.newUserId("alice");
        String bobId = Tokens.newUserId("bob");
        ChatClient alice = users.connect(aliceId);
        ChatClient bob = users.connect(bobId);
        ChatClient carol = users.connect(Tokens.newUserId("carol"));
        long conversation = bob.createGroupWith("shared", alice, carol);

        bob.ack("block_user", Payload.of("userId", aliceId));

        JsonObject hidden = alice.eventPayload("presence");
        assertThat(hidden.getString("userId")).isEqualTo(bobId);
        assertThat(hidden.getString("status")).isEqualTo("offline");
        assertThat(hidden.get("lastSeenAt")).isEqualTo(JsonValue.NULL);
        JsonObject seen = participant(alice, conversation, bobId);
        assertThat(seen.getBoolean("online")).isFalse();
        assertThat(seen.get("lastSeenAt")).isEqualTo(JsonValue.NULL);
        assertThat(participant(carol, conversation, bobId).getBoolean("online")).isTrue();

        bob.close();
        assertThat(carol.event("presence", GRACE.multipliedBy(10)).getJsonObject("payload").getString("status"))
                .isEqualTo("offline");
        assertThat(alice.hasEvent("presence")).isFalse();

        ChatClient bobAgain = users.connect(bobId);
        assertThat(carol.eventPayload("presence").getString("status")).isEqualTo("online");
        bobAgain.ack("unblock_user", Payload.of("userId", aliceId));
        JsonObject shown = alice.eventPayload("presence");
        assertThat(shown.getString("userId")).isEqualTo(bobId);
        assertThat(shown.getString("status")).isEqualTo("online");
    }

    @Test
    void beingPutIntoAConversationRevealsNoPresenceUntilBothHaveWrittenInIt() {
        String aliceId = Tokens.newUserId("alice");
        String victimId = Tokens.newUserId("victim");
        ChatClient alice = users.connect(aliceId);
        ChatClient victim = users.connect(victimId);
        ChatClient colleague = users.connect(Tokens.newUserId("colleague"));
        colleague.createGroupWith("team", victim);
        long conversation = alice.ack("create_conversation", Payload.of("participantIds", List.of(victimId),
                "title", "hello")).getJsonObject("conversation").getJsonNumber("id").longValue();
        JsonObject created = victim.eventPayload("conversation_created").getJsonObject("conversation");
        assertThat(created.getJsonArray("participants").getValuesAs(JsonObject.class))
                .filteredOn(p -> p.getString("userId").equals(victimId))
                .allSatisfy(p -> assertThat(p.getBoolean("online")).isFalse());

        JsonObject unseen = participant(alice, conversation, victimId);
        assertThat(unseen.getBoolean("online")).isFalse();
        assertThat(unseen.get("lastSeenAt")).isEqualTo(JsonValue.NULL);
        victim.close();
        assertThat(colleague.event("presence", GRACE.multipliedBy(10)).getJsonObject("payload").getString("status"))
                .as("the colleague shares a group: the grace has passed").isEqualTo("offline");
        assertThat(alice.hasEvent("presence")).isFalse();

        ChatClient victimAgain = users.connect(victimId);
        victimAgain.ack("send_message", Payload.of("conversationId", conversation, "content", "who are you?"));
        alice.ack("send_message", Payload.of("conversationId", conversation, "content", "a friend"));
        assertThat(participant(alice, conversation, victimId).getBoolean("online")).isTrue();
        victimAgain.close();
        JsonObject offline = alice.event("presence", GRACE.multipliedBy(10)).getJsonObject("payload");
        assertThat(offline.getString("userId")).isEqualTo(victimId);
        assertThat(offline.getString("status")).isEqualTo("offline");
    }

    private static JsonObject participant(ChatClient client, long conversation, String user) {
        return client.ack("load_conversations", Payload.of()).getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getJsonNumber("id").longValue() == conversation)
                .findFirst().orElseThrow().getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("userId").equals(user)).findFirst().orElseThrow();
    }

    private static String role(long conversation, String user) throws SQLException {
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"),
                System.getProperty("test.db.user"), System.getProperty("test.db.password"));
             PreparedStatement query = db.prepareStatement(
                     "SELECT role FROM conversation_members WHERE conversation_id = ? AND user_id = ?")) {
            query.setLong(1, conversation);
            query.setString(2, user);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }
}
