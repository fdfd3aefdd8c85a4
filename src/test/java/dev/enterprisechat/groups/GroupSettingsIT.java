package dev.enterprisechat.groups;

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
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** update_group, rotate_invite, invite codes that expire, run out or are hidden from plain members. */
class GroupSettingsIT extends DeployedChat {

    static JsonObject group(ChatClient owner, ChatClient... members) {
        JsonObject group = owner.ack("create_group", Payload.of("name", "Team")).getJsonObject("group");
        for (ChatClient member : members) {
            member.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
        }
        return group;
    }

    static long id(JsonObject group) {
        return group.getJsonNumber("id").longValue();
    }

    @Test
    void ownersAndAdminsRenameAndDescribeTheGroupForEveryone() {
        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient alicesPhone = users.connect(alice);
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        JsonObject group = group(a, b);

        JsonObject renamed = a.ack("update_group", Payload.of("groupId", id(group), "name", "  Crew ",
                "description", "all of us")).getJsonObject("group");

        assertThat(renamed.getString("name")).isEqualTo("Crew");
        assertThat(renamed.getString("description")).isEqualTo("all of us");
        assertThat(renamed.getInt("memberCount")).isEqualTo(2);
        assertThat(b.eventPayload("group_updated").getJsonObject("group")).isEqualTo(renamed);
        assertThat(alicesPhone.eventPayload("group_updated").getJsonObject("group")).isEqualTo(renamed);
        assertThat(a.hasEvent("group_updated")).isFalse();
        JsonObject conversation = b.ack("load_conversations", Payload.of()).getJsonArray("conversations")
                .getJsonObject(0);
        assertThat(conversation.getString("title")).as("the conversation follows the name").isEqualTo("Crew");
        assertThat(conversation.getJsonObject("group")).isEqualTo(renamed);
        JsonObject cleared = a.ack("update_group", Payload.of("groupId", id(group), "description", null))
                .getJsonObject("group");
        assertThat(cleared.get("description")).isEqualTo(JsonValue.NULL);
        assertThat(cleared.getString("name")).isEqualTo("Crew");
    }

    @Test
    void plainMembersStopSeeingTheCodeWhenMembersMayNotInvite() {
        String bob = Tokens.newUserId("bob");
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(bob);
        ChatClient c = users.connect(Tokens.newUserId("carol"));
        JsonObject group = group(a, b, c);
        a.ack("set_role", Payload.of("groupId", id(group), "userId", bob, "role", "admin"));

        JsonObject closed = a.ack("update_group", Payload.of("groupId", id(group), "membersCanInvite", false))
                .getJsonObject("group");

        assertThat(closed.getBoolean("membersCanInvite")).isFalse();
        assertThat(closed.getString("inviteCode")).isEqualTo(group.getString("inviteCode"));
        assertThat(b.eventPayload("group_updated").getJsonObject("group").getString("inviteCode"))
                .as("admins see it").isEqualTo(group.getString("inviteCode"));
        assertThat(c.eventPayload("group_updated").getJsonObject("group").get("inviteCode"))
                .as("plain members do not").isEqualTo(JsonValue.NULL);
        JsonObject seen = c.ack("load_conversations", Payload.of()).getJsonArray("conversations").getJsonObject(0);
        assertThat(seen.get("inviteCode")).isEqualTo(JsonValue.NULL);
        assertThat(seen.getJsonObject("group").get("inviteCode")).isEqualTo(JsonValue.NULL);
        JsonObject rotated = b.ack("rotate_invite", Payload.of("groupId", id(group))).getJsonObject("group");
        assertThat(c.eventPayload("group_updated").getJsonObject("group").get("inviteCode")).isEqualTo(JsonValue.NULL);
        ChatClient dave = users.connect(Tokens.newUserId("dave"));
        JsonObject joined = dave.ack("join_group", Payload.of("inviteCode", rotated.getString("inviteCode")));
        assertThat(joined.getJsonObject("group").get("inviteCode")).as("a new member is a plain one")
                .isEqualTo(JsonValue.NULL);
        assertThat(joined.getJsonObject("conversation").get("inviteCode")).isEqualTo(JsonValue.NULL);
    }

    @Test
    void refusesUpdatesWhereTheRulesSayNo() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient outsider = users.connect(Tokens.newUserId("eve"));
        long id = id(group(a, b));

        assertError(b.error("update_group", Payload.of("groupId", id, "name", "mine")), "FORBIDDEN",
                "only the owner and admins of a group may change its settings");
        assertError(outsider.error("update_group", Payload.of("groupId", id, "name", "mine")), "FORBIDDEN",
                "not a member of group " + id);
        assertError(a.error("update_group", Payload.of("groupId", 999_999_999L, "name", "x")), "NOT_FOUND",
                "group 999999999 does not exist");
        assertError(a.error("update_group", Payload.of("groupId", id)), "BAD_REQUEST",
                "update_group needs at least one of name, description, membersCanInvite");
        assertError(a.error("update_group", Payload.of("groupId", id, "name", " ")), "BAD_REQUEST",
                "name must not be blank");
        assertError(a.error("update_group", Payload.of("groupId", id, "name", "x".repeat(101))), "BAD_REQUEST",
                "name must be at most 100 characters");
        assertError(a.error("update_group", Payload.of("groupId", id, "description", "d".repeat(1001))),
                "BAD_REQUEST", "description must be at most 1000 characters");
        assertError(a.error("update_group", Payload.of("groupId", id, "membersCanInvite", "no")), "BAD_REQUEST",
                "membersCanInvite must be a boolean");
        assertError(a.error("update_group", Payload.of("name", "x")), "BAD_REQUEST", "groupId is required");
        assertError(b.error("rotate_invite", Payload.of("groupId", id)), "FORBIDDEN",
                "only the owner and admins of a group may rotate its invite code");
        assertError(a.error("rotate_invite", Payload.of("groupId", id, "expiresInSeconds", 0)), "BAD_REQUEST",
                "expiresInSeconds must be between 1 and 31536000");
        assertError(a.error("rotate_invite", Payload.of("groupId", id, "maxUses", 1_000_001)), "BAD_REQUEST",
                "maxUses must be between 1 and 1000000");
        assertError(a.error("rotate_invite", Payload.of("groupId", id, "maxUses", -1)), "BAD_REQUEST",
                "maxUses must be a non-negative integer");
        assertError(outsider.error("rotate_invite", Payload.of("groupId", id)), "FORBIDDEN",
                "not a member of group " + id);
    }

    @Test
    void aRotatedAwayCodeOpensNothingAndCountsAsAFailedJoin() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient guesser = users.connect(Tokens.newUserId("guesser"));
        JsonObject group = group(a, b);
        String old = group.getString("inviteCode");

        JsonObject rotated = a.ack("rotate_invite", Payload.of("groupId", id(group))).getJsonObject("group");

        assertThat(rotated.getString("inviteCode")).matches("[A-Za-z0-9_-]{16}").isNotEqualTo(old);
        assertThat(rotated.getInt("inviteUses")).isZero();
        assertThat(b.eventPayload("group_updated").getJsonObject("group").getString("inviteCode"))
                .isEqualTo(rotated.getString("inviteCode"));
        for (int i = 0; i < 10; i++) {
            assertError(guesser.error("join_group", Payload.of("inviteCode", old)), "NOT_FOUND",
                    "no group has this invite code");
        }
        assertError(guesser.error("join_group", Payload.of("inviteCode", rotated.getString("inviteCode"))),
                "RATE_LIMITED", "too many failed join attempts: at most 10 a minute");
        ChatClient carol = users.connect(Tokens.newUserId("carol"));
        assertThat(carol.ack("join_group", Payload.of("inviteCode", rotated.getString("inviteCode")))
                .getJsonObject("group").getInt("inviteUses")).isEqualTo(1);
    }

    @Test
    void aCodeWithMaxUsesOpensTheGroupThatManyTimes() {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient c = users.connect(Tokens.newUserId("carol"));
        JsonObject group = group(a);
        String code = a.ack("rotate_invite", Payload.of("groupId", id(group), "maxUses", 1)).getJsonObject("group")
                .getString("inviteCode");

        b.ack("join_group", Payload.of("inviteCode", code));
        assertThat(b.ack("join_group", Payload.of("inviteCode", code)).getJsonObject("group").getInt("inviteUses"))
                .as("joining again uses nothing").isEqualTo(1);

        assertError(c.error("join_group", Payload.of("inviteCode", code)), "NOT_FOUND",
                "no group has this invite code");
        JsonObject seen = a.ack("load_conversations", Payload.of()).getJsonArray("conversations").getJsonObject(0)
                .getJsonObject("group");
        assertThat(seen.getInt("inviteMaxUses")).isEqualTo(1);
        assertThat(seen.getInt("inviteUses")).isEqualTo(1);
    }

    @Test
    void anExpiredCodeOpensNothing() throws SQLException {
        ChatClient a = users.connect(Tokens.newUserId("alice"));
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        JsonObject group = group(a);
        Instant before = Instant.now();
        JsonObject rotated = a.ack("rotate_invite", Payload.of("groupId", id(group), "expiresInSeconds", 3600))
                .getJsonObject("group");
        assertThat(Instant.parse(rotated.getString("inviteExpiresAt")))
                .isBetween(before.plusSeconds(3590), Instant.now().plusSeconds(3610));

        expireInvite(id(group));

        assertError(b.error("join_group", Payload.of("inviteCode", rotated.getString("inviteCode"))), "NOT_FOUND",
                "no group has this invite code");
        assertThat(a.ack("rotate_invite", Payload.of("groupId", id(group))).getJsonObject("group")
                .get("inviteExpiresAt")).as("a rotation without expiry clears it").isEqualTo(JsonValue.NULL);
    }

    /** Moves the code's expiry into the past: the test does not wait an hour, nor sleeps. */
    private static void expireInvite(long group) throws SQLException {
        try (Connection db = DriverManager.getConnection(System.getProperty("test.db.url"),
                System.getProperty("test.db.user"), System.getProperty("test.db.password"));
             PreparedStatement update = db.prepareStatement(
                     "UPDATE chat_groups SET invite_expires_at = ? WHERE id = ?")) {
            update.setObject(1, java.time.OffsetDateTime.now().minus(Duration.ofSeconds(1)));
            update.setLong(2, group);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
