package dev.enterprisechat.conversations;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.enterprisechat.testsupport.Users.participantIds;
import static org.assertj.core.api.Assertions.assertThat;

/** Groups, invite codes, direct and ad-hoc conversations, the conversation list, rooms. */
class ConversationsIT extends DeployedChat {

    @Test
    void createsGroupOwnedByItsCreatorWithOneConversation() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);

        JsonObject group = a.ack("create_group", Payload.of("name", " Team ", "description", "the team"))
                .getJsonObject("group");

        assertThat(group.getJsonNumber("id").longValue()).isPositive();
        assertThat(group.getString("name")).isEqualTo("Team");
        assertThat(group.getString("description")).isEqualTo("the team");
        assertThat(group.getString("inviteCode")).matches("[A-Za-z0-9_-]{16}");
        assertThat(group.getString("createdBy")).isEqualTo(alice);
        assertThat(group.getString("createdAt")).isNotBlank();
        assertThat(group.getInt("memberCount")).isEqualTo(1);
        JsonObject conversation = a.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT)
                .getJsonArray("conversations").getJsonObject(0);
        assertThat(conversation.getJsonNumber("id").longValue())
                .isEqualTo(group.getJsonNumber("conversationId").longValue());
        assertThat(conversation.getString("type")).isEqualTo("group");
        assertThat(conversation.getString("title")).isEqualTo("Team");
        assertThat(conversation.getJsonNumber("groupId").longValue()).isEqualTo(group.getJsonNumber("id").longValue());
        assertThat(participantIds(conversation)).containsExactly(alice);
        assertThat(conversation.get("lastMessage")).isEqualTo(JsonValue.NULL);
        assertThat(conversation.getInt("lastSeq")).isZero();
        assertThat(alicesPhone.eventPayload("conversation_created").getJsonObject("conversation"))
                .as("the creator's other devices learn of the group").isEqualTo(conversation);
        assertThat(a.hasEvent("conversation_created")).isFalse();
    }

    @Test
    void refusesInvalidGroups() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        assertError(a.error("create_group", JsonValue.EMPTY_JSON_OBJECT), "BAD_REQUEST", "name is required");
        assertError(a.error("create_group", Payload.of("name", "  ")), "BAD_REQUEST", "name must not be blank");
        assertError(a.error("create_group", Payload.of("name", 42)), "BAD_REQUEST", "name must be a string");
        assertError(a.error("create_group", Payload.of("name", "x".repeat(101))), "BAD_REQUEST",
                "name must be at most 100 characters");
        assertError(a.error("create_group", Payload.of("name", "ok", "description", "d".repeat(1001))),
                "BAD_REQUEST", "description must be at most 1000 characters");
        assertThat(a.ack("create_group", Payload.of("name", "  " + "x".repeat(100) + "  ")).getJsonObject("group")
                .getString("name")).as("trimmed before it is measured").hasSize(100);
    }

    @Test
    void joinsGroupByInviteCodeAndAnnouncesTheNewMember() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient bobsPhone = users.connect(bob);
        ChatClient b = users.connect(bob);
        JsonObject group = a.ack("create_group", Payload.of("name", "Team")).getJsonObject("group");

        JsonObject joined = b.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));

        assertThat(joined.getJsonObject("group").getInt("memberCount")).isEqualTo(2);
        assertThat(participantIds(joined.getJsonObject("conversation"))).containsExactly(alice, bob);
        assertThat(joined.getJsonObject("conversation").getString("inviteCode")).isEqualTo(group.getString("inviteCode"));
        assertThat(bobsPhone.ack("load_conversations", Payload.of()).getJsonArray("conversations").getJsonObject(0)
                .getString("inviteCode")).as("any member's devices can share the invite later")
                .isEqualTo(group.getString("inviteCode"));
        for (ChatClient told : List.of(a, bobsPhone)) {
            JsonObject event = told.eventPayload("member_joined");
            assertThat(event.getJsonNumber("conversationId").longValue())
                    .isEqualTo(group.getJsonNumber("conversationId").longValue());
            assertThat(event.getJsonNumber("groupId").longValue()).isEqualTo(group.getJsonNumber("id").longValue());
            assertThat(event.getJsonObject("user").getString("userId")).isEqualTo(bob);
            assertThat(event.getJsonObject("user").getString("displayName")).isEqualTo(bob);
        }
        assertThat(b.hasEvent("member_joined")).as("the joining connection has the ack").isFalse();
    }

    @Test
    void joiningAGroupTwiceIsAnsweredAlikeAndAnnouncedOnce() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        String code = a.ack("create_group", Payload.of("name", "Team")).getJsonObject("group").getString("inviteCode");

        JsonObject first = b.ack("join_group", Payload.of("inviteCode", code));
        a.event("member_joined");
        JsonObject second = b.ack("join_group", Payload.of("inviteCode", code));

        assertThat(second).isEqualTo(first);
        assertThat(a.hasEvent("member_joined")).isFalse();
    }

    @Test
    void oneUserJoiningFromTwoDevicesAtOnceBecomesOneMemberAnnouncedOnce() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient phone = users.connect(bob);
        ChatClient laptop = users.connect(bob);
        String code = a.ack("create_group", Payload.of("name", "Team")).getJsonObject("group").getString("inviteCode");

        List<JsonObject> acks = Concurrently.run(() -> phone.ack("join_group", Payload.of("inviteCode", code)),
                () -> laptop.ack("join_group", Payload.of("inviteCode", code)));

        assertThat(acks).allSatisfy(ack -> assertThat(ack.getJsonObject("group").getInt("memberCount")).isEqualTo(2));
        a.event("member_joined");
        assertThat(a.hasEvent("member_joined")).isFalse();
    }

    @Test
    void refusesUnknownInviteCodes() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        assertError(a.error("join_group", Payload.of("inviteCode", "AAAAAAAAAAAAAAAA")), "NOT_FOUND",
                "no group has this invite code");
        assertError(a.error("join_group", Payload.of("inviteCode", "x".repeat(500))), "NOT_FOUND",
                "no group has this invite code");
        assertError(a.error("join_group", JsonValue.EMPTY_JSON_OBJECT), "BAD_REQUEST", "inviteCode is required");
    }

    @Test
    void createsOneDirectConversationPerPairWhoeverStartsIt() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);

        JsonObject first = a.ack("create_conversation", Payload.of("participantIds", List.of(bob)))
                .getJsonObject("conversation");
        JsonObject announced = b.eventPayload("conversation_created").getJsonObject("conversation");
        JsonObject second = b.ack("create_conversation", Payload.of("participantIds", List.of(alice, bob)))
                .getJsonObject("conversation");

        assertThat(first.getString("type")).isEqualTo("direct");
        assertThat(first.get("title")).isEqualTo(JsonValue.NULL);
        assertThat(first.get("groupId")).isEqualTo(JsonValue.NULL);
        assertThat(first.get("inviteCode")).isEqualTo(JsonValue.NULL);
        assertThat(participantIds(first)).containsExactlyInAnyOrder(alice, bob);
        assertThat(announced).isEqualTo(first);
        assertThat(second.getJsonNumber("id")).isEqualTo(first.getJsonNumber("id"));
        assertThat(a.hasEvent("conversation_created")).as("no second announcement").isFalse();
    }

    @Test
    void directConversationsCreatedAtTheSameInstantFromBothSidesAreOne() {
        for (int pair = 0; pair < 5; pair++) {
            String alice = Tokens.newUserId("alice");
            String bob = Tokens.newUserId("bob");
            ChatClient a = users.connect(alice);
            ChatClient b = users.connect(bob);
            List<JsonObject> acks = Concurrently.run(
                    () -> a.ack("create_conversation", Payload.of("participantIds", List.of(bob))),
                    () -> b.ack("create_conversation", Payload.of("participantIds", List.of(alice))));

            long aliceSees = acks.get(0).getJsonObject("conversation").getJsonNumber("id").longValue();
            long bobSees = acks.get(1).getJsonObject("conversation").getJsonNumber("id").longValue();

            assertThat(bobSees).isEqualTo(aliceSees);
            assertThat(conversationIds(a)).containsExactly(aliceSees);
        }
    }

    @Test
    void announcesNewConversationToEveryOtherParticipantConnection() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String carol = Tokens.newUserId("carol");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient b = users.connect(bob);
        ChatClient c = users.connect(carol);
        ChatClient outsider = users.connect(Tokens.newUserId("dave"));

        JsonObject created = a.ack("create_conversation",
                Payload.of("participantIds", List.of(bob, carol), "title", "Plans")).getJsonObject("conversation");

        assertThat(created.getString("type")).isEqualTo("group");
        assertThat(created.getString("title")).isEqualTo("Plans");
        assertThat(participantIds(created)).containsExactly(alice, bob, carol);
        for (ChatClient told : List.of(alicesPhone, b, c)) {
            assertThat(told.eventPayload("conversation_created").getJsonObject("conversation")).isEqualTo(created);
        }
        assertThat(a.hasEvent("conversation_created")).isFalse();
        assertThat(outsider.hasEvent("conversation_created")).isFalse();
    }

    @Test
    void refusesInvalidConversations() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        String nobody = Tokens.newUserId("nobody");
        assertError(a.error("create_conversation", Payload.of("participantIds", List.of(nobody))), "NOT_FOUND",
                "user " + nobody + " is unknown or does not accept conversations with you");
        assertError(a.error("create_conversation", Payload.of("participantIds", List.of())), "BAD_REQUEST",
                "participantIds must name at least one other user");
        assertError(a.error("create_conversation", Payload.of("participantIds", List.of(alice))), "BAD_REQUEST",
                "participantIds must name at least one other user");
        assertError(a.error("create_conversation", Payload.of("participantIds", "bob")), "BAD_REQUEST",
                "participantIds must be an array of strings");
        assertError(a.error("create_conversation", JsonValue.EMPTY_JSON_OBJECT), "BAD_REQUEST",
                "participantIds is required");
        String bob = Tokens.newUserId("bob");
        users.connect(bob);
        assertError(a.error("create_conversation", Payload.of("participantIds", List.of(bob), "title",
                "t".repeat(201))), "BAD_REQUEST", "title must be at most 200 characters");
    }

    @Test
    void listsConversationsNewestActivityFirstWithTheirLastMessage() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        long older = a.ack("create_group", Payload.of("name", "older")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();
        long newer = a.ack("create_group", Payload.of("name", "newer")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();
        assertThat(conversationIds(a)).containsExactly(newer, older);

        a.ack("send_message", Payload.of("conversationId", older, "content", "bump"));

        assertThat(conversationIds(a)).containsExactly(older, newer);
        JsonObject first = a.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT)
                .getJsonArray("conversations").getJsonObject(0);
        assertThat(first.getJsonObject("lastMessage").getString("content")).isEqualTo("bump");
        assertThat(first.getInt("lastSeq")).isEqualTo(1);
    }

    @Test
    void pagesTheListWithoutSkippingOrRepeatingWhileMessagesArrive() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        for (int i = 0; i < 5; i++) {
            a.ack("create_conversation", Payload.of("participantIds", List.of(bob), "title", "c" + i));
        }
        List<Long> all = conversationIds(a);

        JsonObject first = a.ack("load_conversations", Payload.of("limit", 2));
        assertThat(ids(first)).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(first.getBoolean("hasMore")).isTrue();
        b.ack("send_message", Payload.of("conversationId", all.get(4), "content", "not yet paged"));
        b.ack("send_message", Payload.of("conversationId", all.get(0), "content", "already paged"));
        JsonObject second = a.ack("load_conversations", Payload.of("limit", 2,
                "before", first.getString("nextCursor")));
        JsonObject third = a.ack("load_conversations", Payload.of("limit", 2,
                "before", second.getString("nextCursor")));

        assertThat(ids(second)).containsExactlyElementsOf(all.subList(2, 4));
        assertThat(ids(third)).containsExactly(all.get(4));
        assertThat(third.getBoolean("hasMore")).isFalse();
        assertThat(third.get("nextCursor")).isEqualTo(JsonValue.NULL);
        assertThat(ids(a.ack("load_conversations", Payload.of("limit", 2)))).as("a new first page sees the news")
                .containsExactly(all.get(0), all.get(4));
    }

    @Test
    void listsEverythingAtOnceWithoutALimitAndRefusesBadPages() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        a.ack("create_group", Payload.of("name", "one"));
        JsonObject everything = a.ack("load_conversations", Payload.of());
        assertThat(everything.getBoolean("hasMore")).isFalse();
        assertThat(everything.get("nextCursor")).isEqualTo(JsonValue.NULL);
        assertThat(a.ack("load_conversations", Payload.of("limit", 500)).getJsonArray("conversations")).hasSize(1);
        assertError(a.error("load_conversations", Payload.of("limit", 0)), "BAD_REQUEST",
                "limit must be between 1 and 500");
        assertError(a.error("load_conversations", Payload.of("limit", 501)), "BAD_REQUEST",
                "limit must be between 1 and 500");
        assertError(a.error("load_conversations", Payload.of("limit", "x")), "BAD_REQUEST",
                "limit must be a non-negative integer");
        assertError(a.error("load_conversations", Payload.of("limit", 2, "before", "garbage")), "BAD_REQUEST",
                "before must be a nextCursor from load_conversations");
        assertError(a.error("load_conversations", Payload.of("limit", 2, "before", 7)), "BAD_REQUEST",
                "before must be a string");
    }

    private static List<Long> ids(JsonObject page) {
        return page.getJsonArray("conversations").getValuesAs(JsonObject.class).stream()
                .map(c -> c.getJsonNumber("id").longValue()).toList();
    }

    @Test
    void joinsAndLeavesConversationRoomsOfItsOwnOnly() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        long conversation = a.ack("create_group", Payload.of("name", "room")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();

        JsonObject joined = a.ack("join_conversation", Payload.of("conversationId", conversation));
        assertThat(joined.getJsonObject("conversation").getJsonNumber("id").longValue()).isEqualTo(conversation);
        assertThat(a.ack("leave_conversation", Payload.of("conversationId", conversation))).isEmpty();
        assertThat(a.ack("leave_conversation", Payload.of("conversationId", conversation))).isEmpty();

        assertError(outsider.error("join_conversation", Payload.of("conversationId", conversation)), "FORBIDDEN",
                "not a participant of conversation " + conversation);
        assertError(outsider.error("join_conversation", Payload.of("conversationId", Long.MAX_VALUE / 2)),
                "FORBIDDEN", "not a participant of conversation " + Long.MAX_VALUE / 2);
        assertError(a.error("join_conversation", Payload.of("conversationId", "abc")), "BAD_REQUEST",
                "conversationId must be a non-negative integer");
        assertError(a.error("join_conversation", Payload.of("conversationId", 0)), "BAD_REQUEST",
                "conversationId must be a positive integer");
    }

    @Test
    void acceptsTypingFromParticipantsOnly() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        long conversation = a.ack("create_group", Payload.of("name", "typing")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();

        assertThat(a.ack("typing_start", Payload.of("conversationId", conversation))).isEmpty();
        assertThat(a.ack("typing_stop", Payload.of("conversationId", conversation))).isEmpty();
        assertThat(outsider.error("typing_start", Payload.of("conversationId", conversation)).getString("code"))
                .isEqualTo("FORBIDDEN");
        assertThat(a.error("typing_stop", JsonValue.EMPTY_JSON_OBJECT).getString("code")).isEqualTo("BAD_REQUEST");
    }

    private static List<Long> conversationIds(ChatClient client) {
        return client.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().map(c -> c.getJsonNumber("id").longValue()).toList();
    }

}
