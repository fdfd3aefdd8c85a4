package dev.enterprisechat.groups;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.enterprisechat.testsupport.Users.participantIds;
import static org.assertj.core.api.Assertions.assertThat;

/** Leaving groups, removing and adding members, roles and their checks: leave_group, remove_member, add_members, set_role. */
class GroupAdminIT extends DeployedChat {

    /** A group of the owner with the others joined in order; the others' ids follow the group. */
    record Team(JsonObject group, long id, long conversation, String code) {
        static Team of(ChatClient owner, ChatClient... members) {
            JsonObject group = owner.ack("create_group", Payload.of("name", "Team")).getJsonObject("group");
            for (ChatClient member : members) {
                member.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            }
            return new Team(group, group.getJsonNumber("id").longValue(),
                    group.getJsonNumber("conversationId").longValue(), group.getString("inviteCode"));
        }
    }

    static String roleOf(JsonObject conversation, String user) {
        return conversation.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("userId").equals(user)).findFirst().orElseThrow().getString("role");
    }

    static JsonObject conversation(ChatClient client, long id) {
        return client.ack("join_conversation", Payload.of("conversationId", id)).getJsonObject("conversation");
    }

    @Test
    void participantsCarryTheirRoleInGroupsOnly() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        Team team = Team.of(a, b);

        JsonObject seen = conversation(b, team.conversation());
        assertThat(roleOf(seen, alice)).isEqualTo("owner");
        assertThat(roleOf(seen, bob)).isEqualTo("member");
        assertThat(seen.getJsonObject("group").getJsonNumber("id").longValue()).isEqualTo(team.id());
        assertThat(seen.getJsonObject("group").getBoolean("membersCanInvite")).isTrue();
        assertThat(seen.getJsonObject("group").getInt("inviteUses")).isEqualTo(1);
        assertThat(seen.getJsonObject("group").get("inviteMaxUses")).isEqualTo(JsonValue.NULL);
        JsonObject direct = a.ack("create_conversation", Payload.of("participantIds", List.of(bob)))
                .getJsonObject("conversation");
        assertThat(direct.getJsonArray("participants").getValuesAs(JsonObject.class))
                .allSatisfy(p -> assertThat(p.get("role")).isEqualTo(JsonValue.NULL));
        assertThat(direct.get("group")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void theOwnerLeavingHandsTheGroupToTheEarliestJoinedAdmin() {
        String alice = Tokens.newUserId("alice");
        String carol = Tokens.newUserId("carol");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient c = users.connect(carol);
        Team team = Team.of(a, b, c);
        a.ack("set_role", Payload.of("groupId", team.id(), "userId", carol, "role", "admin"));
        for (ChatClient told : List.of(alicesPhone, b, c)) {
            told.event("member_updated");
        }

        assertThat(a.ack("leave_group", Payload.of("groupId", team.id()))).isEmpty();

        for (ChatClient told : List.of(b, c, alicesPhone)) {
            JsonObject left = told.eventPayload("member_left");
            assertThat(left.getString("userId")).isEqualTo(alice);
            assertThat(left.getString("reason")).isEqualTo("left");
            assertThat(left.getJsonNumber("groupId").longValue()).isEqualTo(team.id());
        }
        JsonObject updated = b.eventPayload("member_updated");
        assertThat(updated.getJsonObject("participant").getString("userId")).isEqualTo(carol);
        assertThat(updated.getJsonObject("participant").getString("role")).isEqualTo("owner");
        assertThat(updated.getJsonNumber("groupId").longValue()).isEqualTo(team.id());
        assertThat(a.hasEvent("member_left")).as("the leaving connection has the ack").isFalse();
        assertThat(alicesPhone.hasEvent("member_updated")).as("nothing more reaches the leaver").isFalse();
        assertThat(a.ack("load_conversations", Payload.of()).getJsonArray("conversations")).isEmpty();
        assertError(a.error("leave_group", Payload.of("groupId", team.id())), "FORBIDDEN",
                "not a member of group " + team.id());
        assertError(a.error("join_conversation", Payload.of("conversationId", team.conversation())), "FORBIDDEN",
                "not a participant of conversation " + team.conversation());
    }

    @Test
    void withoutAdminsTheEarliestJoinedMemberOwnsAndTheLastToLeaveLeavesNobody() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        ChatClient c = users.connect(Tokens.newUserId("carol"));
        Team team = Team.of(a, b, c);

        a.ack("leave_group", Payload.of("groupId", team.id()));
        assertThat(c.eventPayload("member_updated").getJsonObject("participant").getString("userId")).isEqualTo(bob);
        assertThat(roleOf(conversation(c, team.conversation()), bob)).isEqualTo("owner");
        b.ack("leave_group", Payload.of("groupId", team.id()));
        c.ack("leave_group", Payload.of("groupId", team.id()));

        assertThat(c.ack("load_conversations", Payload.of()).getJsonArray("conversations")).isEmpty();
        JsonObject back = c.ack("join_group", Payload.of("inviteCode", team.code()));
        assertThat(participantIds(back.getJsonObject("conversation"))).hasSize(1);
        assertThat(roleOf(back.getJsonObject("conversation"), participantIds(back.getJsonObject("conversation"))
                .get(0))).as("whoever rejoins an empty group owns it").isEqualTo("owner");
    }

    @Test
    void aRemovedMemberHearsItOnEveryConnectionAndNothingMoreOfTheGroup() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient c = users.connect(Tokens.newUserId("carol"));
        ChatClient b = users.connect(bob);
        ChatClient bobsPhone = users.connect(bob);
        Team team = Team.of(a, b, c);
        b.ack("join_conversation", Payload.of("conversationId", team.conversation()));
        b.ack("send_message", Payload.of("conversationId", team.conversation(), "content", "mine stays"));
        bobsPhone.event("new_message");

        assertThat(a.ack("remove_member", Payload.of("groupId", team.id(), "userId", bob))).isEmpty();

        for (ChatClient told : List.of(b, bobsPhone, c)) {
            JsonObject left = told.eventPayload("member_left");
            assertThat(left.getString("userId")).isEqualTo(bob);
            assertThat(left.getString("reason")).isEqualTo("removed");
        }
        assertThat(a.hasEvent("member_left")).isFalse();
        c.ack("join_conversation", Payload.of("conversationId", team.conversation()));
        c.ack("typing_start", Payload.of("conversationId", team.conversation()));
        a.ack("send_message", Payload.of("conversationId", team.conversation(), "content", "after"));
        for (ChatClient gone : List.of(b, bobsPhone)) {
            assertThat(gone.hasEvent("new_message")).isFalse();
            assertThat(gone.hasEvent("typing")).isFalse();
        }
        assertError(b.error("send_message", Payload.of("conversationId", team.conversation(), "content", "hi")),
                "FORBIDDEN", "not a participant of conversation " + team.conversation());
        assertError(b.error("leave_group", Payload.of("groupId", team.id())), "FORBIDDEN",
                "not a member of group " + team.id());
        assertThat(a.ack("load_messages", Payload.of("conversationId", team.conversation()))
                .getJsonArray("messages").getValuesAs(JsonObject.class))
                .anySatisfy(m -> assertThat(m.getString("senderId")).isEqualTo(bob));
        b.ack("join_group", Payload.of("inviteCode", team.code()));
        assertThat(roleOf(conversation(b, team.conversation()), bob)).as("back with a valid code").isEqualTo("member");
    }

    @Test
    void adminsRemoveMembersOnlyAndNobodyRemovesThemself() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String carol = Tokens.newUserId("carol");
        String dave = Tokens.newUserId("dave");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        ChatClient c = users.connect(carol);
        ChatClient d = users.connect(dave);
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        Team team = Team.of(a, b, c, d);
        a.ack("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "admin"));
        a.ack("set_role", Payload.of("groupId", team.id(), "userId", carol, "role", "admin"));
        long id = team.id();

        assertError(b.error("remove_member", Payload.of("groupId", id, "userId", carol)), "FORBIDDEN",
                "admins may remove only members, not admins or the owner");
        assertError(b.error("remove_member", Payload.of("groupId", id, "userId", alice)), "FORBIDDEN",
                "admins may remove only members, not admins or the owner");
        assertError(d.error("remove_member", Payload.of("groupId", id, "userId", carol)), "FORBIDDEN",
                "only the owner and admins of a group may remove members");
        assertError(a.error("remove_member", Payload.of("groupId", id, "userId", alice)), "CONFLICT",
                "you cannot remove yourself: use leave_group");
        assertError(a.error("remove_member", Payload.of("groupId", id, "userId", "nobody-" + id)), "NOT_FOUND",
                "user nobody-" + id + " is not a member of group " + id);
        assertError(outsider.error("remove_member", Payload.of("groupId", id, "userId", dave)), "FORBIDDEN",
                "not a member of group " + id);
        assertError(a.error("remove_member", Payload.of("groupId", 999_999_999L, "userId", dave)), "NOT_FOUND",
                "group 999999999 does not exist");
        assertError(a.error("remove_member", Payload.of("userId", dave)), "BAD_REQUEST", "groupId is required");
        assertError(a.error("remove_member", Payload.of("groupId", 0, "userId", dave)), "BAD_REQUEST",
                "groupId must be a positive integer");
        assertError(a.error("remove_member", Payload.of("groupId", id)), "BAD_REQUEST", "userId is required");
        assertError(a.error("remove_member", Payload.of("groupId", id, "userId", "")), "BAD_REQUEST",
                "userId must be a user id of 1 to 255 characters");

        b.ack("remove_member", Payload.of("groupId", id, "userId", dave));
        assertThat(d.eventPayload("member_left").getString("reason")).isEqualTo("removed");
        a.ack("remove_member", Payload.of("groupId", id, "userId", carol));
        assertThat(participantIds(conversation(a, team.conversation()))).containsExactly(alice, bob);
    }

    @Test
    void ownersAndAdminsAddMembersWhoLearnOfTheGroup() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String dave = Tokens.newUserId("dave");
        String erin = Tokens.newUserId("erin");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient b = users.connect(bob);
        ChatClient d = users.connect(dave);
        ChatClient e = users.connect(erin);
        Team team = Team.of(a, b);
        a.ack("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "admin"));
        a.event("member_joined");
        alicesPhone.event("member_joined");

        JsonObject added = b.ack("add_members", Payload.of("groupId", team.id(), "userIds", List.of(dave, erin, dave)))
                .getJsonObject("conversation");

        assertThat(participantIds(added)).containsExactly(alice, bob, dave, erin);
        assertThat(roleOf(added, dave)).isEqualTo("member");
        for (ChatClient told : List.of(a, alicesPhone)) {
            assertThat(List.of(told.eventPayload("member_joined"), told.eventPayload("member_joined")))
                    .extracting(j -> j.getJsonObject("user").getString("userId")).containsExactlyInAnyOrder(dave, erin);
        }
        for (ChatClient newcomer : List.of(d, e)) {
            JsonObject created = newcomer.eventPayload("conversation_created").getJsonObject("conversation");
            assertThat(created.getJsonNumber("id").longValue()).isEqualTo(team.conversation());
            assertThat(participantIds(created)).containsExactly(alice, bob, dave, erin);
        }
        assertThat(b.hasEvent("member_joined")).as("the adding connection has the ack").isFalse();
        d.ack("send_message", Payload.of("conversationId", team.conversation(), "content", "hello"));
    }

    @Test
    void refusesAddingWhereTheRulesSayNo() {
        String bob = Tokens.newUserId("bob");
        String dave = Tokens.newUserId("dave");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        ChatClient d = users.connect(dave);
        Team team = Team.of(a, b);
        long id = team.id();
        String nobody = Tokens.newUserId("nobody");

        assertError(b.error("add_members", Payload.of("groupId", id, "userIds", List.of(dave))), "FORBIDDEN",
                "only the owner and admins of a group may add members");
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", List.of(dave, nobody))),
                "NOT_FOUND", "user " + nobody + " is unknown or does not accept conversations with you");
        d.ack("block_user", Payload.of("userId", team.group().getString("createdBy")));
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", List.of(dave))), "NOT_FOUND",
                "user " + dave + " is unknown or does not accept conversations with you");
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", List.of(bob))), "CONFLICT",
                "user " + bob + " is already a member of group " + id);
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", List.of())), "BAD_REQUEST",
                "userIds must name 1 to 100 users");
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds",
                Collections.nCopies(101, dave))), "BAD_REQUEST", "userIds must name 1 to 100 users");
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", List.of(" "))), "BAD_REQUEST",
                "userIds must be user ids of 1 to 255 characters");
        assertError(a.error("add_members", Payload.of("groupId", id)), "BAD_REQUEST", "userIds is required");
        assertError(a.error("add_members", Payload.of("groupId", id, "userIds", "x")), "BAD_REQUEST",
                "userIds must be an array of strings");
        assertError(d.error("add_members", Payload.of("groupId", id, "userIds", List.of(dave))), "FORBIDDEN",
                "not a member of group " + id);
    }

    @Test
    void theOwnerPromotesDemotesAndHandsOverTheGroup() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        ChatClient c = users.connect(Tokens.newUserId("carol"));
        Team team = Team.of(a, b, c);

        JsonObject promoted = a.ack("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "admin"))
                .getJsonObject("participant");
        assertThat(promoted.getString("userId")).isEqualTo(bob);
        assertThat(promoted.getString("role")).isEqualTo("admin");
        for (ChatClient told : List.of(b, c)) {
            JsonObject updated = told.eventPayload("member_updated");
            assertThat(updated.getJsonNumber("conversationId").longValue()).isEqualTo(team.conversation());
            assertThat(updated.getJsonObject("participant").getString("role")).isEqualTo("admin");
        }
        assertThat(a.hasEvent("member_updated")).isFalse();
        a.ack("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "member"));
        assertThat(c.eventPayload("member_updated").getJsonObject("participant").getString("role"))
                .isEqualTo("member");

        a.ack("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "owner"));

        List<JsonObject> updates = List.of(c.eventPayload("member_updated"), c.eventPayload("member_updated"));
        assertThat(updates).extracting(u -> u.getJsonObject("participant").getString("userId") + "="
                + u.getJsonObject("participant").getString("role"))
                .containsExactlyInAnyOrder(bob + "=owner", alice + "=admin");
        JsonObject now = conversation(c, team.conversation());
        assertThat(roleOf(now, bob)).isEqualTo("owner");
        assertThat(roleOf(now, alice)).isEqualTo("admin");
        assertError(a.error("set_role", Payload.of("groupId", team.id(), "userId", bob, "role", "member")),
                "FORBIDDEN", "only the owner of a group may change roles");
    }

    @Test
    void refusesRoleChangesWhereTheRulesSayNo() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(bob);
        Team team = Team.of(a, b);
        long id = team.id();

        assertError(b.error("set_role", Payload.of("groupId", id, "userId", alice, "role", "member")), "FORBIDDEN",
                "only the owner of a group may change roles");
        assertError(a.error("set_role", Payload.of("groupId", id, "userId", alice, "role", "admin")), "CONFLICT",
                "the owner cannot change their own role: make another member the owner");
        assertError(a.error("set_role", Payload.of("groupId", id, "userId", "nobody", "role", "admin")),
                "NOT_FOUND", "user nobody is not a member of group " + id);
        assertError(a.error("set_role", Payload.of("groupId", id, "userId", bob, "role", "king")), "BAD_REQUEST",
                "role must be one of owner, admin, member");
        assertError(a.error("set_role", Payload.of("groupId", id, "userId", bob)), "BAD_REQUEST",
                "role is required");
        assertError(a.error("set_role", Payload.of("groupId", id, "userId", bob, "role", 1)), "BAD_REQUEST",
                "role must be a string");
        assertThat(a.ack("set_role", Payload.of("groupId", id, "userId", bob, "role", "member"))
                .getJsonObject("participant").getString("role")).as("unchanged is no error").isEqualTo("member");
        assertThat(b.hasEvent("member_updated")).as("and announces nothing").isFalse();
    }
}
