package dev.enterprisechat.conversations.control;

import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.presence.control.Presence;
import dev.enterprisechat.presence.control.PresenceChanges;
import dev.enterprisechat.storage.EmbeddedDatabases;
import dev.enterprisechat.testsupport.StandaloneJpa;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The participants of a view show a last-seen time exactly where the viewer may see the participant's presence —
 * one's own; someone sharing a group with the viewer; someone with whom the viewer has written in a conversation both
 * take part in; never someone who blocks the viewer — whichever conversation the participant is shown in. The
 * participants and that rule are one native statement, so it runs on PostgreSQL and on the embedded H2 of the quick
 * start alike.
 */
class ParticipantViewsIT {

    private static final Instant SEEN = Instant.parse("2026-12-01T10:15:30Z");

    @Test
    void presenceIsShownByTheRuleOnPostgresql() throws SQLException {
        assertRule(StandaloneJpa.testDatabase());
    }

    @Test
    void presenceIsShownByTheRuleOnTheEmbeddedDatabase() throws SQLException {
        assertRule(EmbeddedDatabases.named("participant-views"));
    }

    private static void assertRule(DataSource database) throws SQLException {
        try (SessionFactory factory = StandaloneJpa.start(database, Map.of())) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            String viewer = "viewer-" + run;
            String groupmate = "groupmate-" + run;
            String blocker = "blocker-" + run;
            String stranger = "stranger-" + run;
            String friend = "friend-" + run;
            long group;
            long withStranger;
            long withFriend;
            long withGroupmate;
            try (Connection db = database.getConnection()) {
                for (String user : List.of(viewer, groupmate, blocker, stranger, friend)) {
                    run(db, "INSERT INTO chat_users (id, display_name, created_at, last_seen_at) "
                            + "VALUES (?, ?, now(), TIMESTAMP WITH TIME ZONE '2026-12-01 10:15:30+00')", user, user);
                }
                group = group(db, viewer, List.of(viewer, groupmate, blocker));
                run(db, "INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES (?, ?, now())",
                        blocker, viewer);
                // the stranger put the viewer into a conversation; only the viewer wrote in it
                withStranger = direct(db, stranger, Map.of(stranger, false, viewer, true));
                withFriend = direct(db, viewer, Map.of(viewer, true, friend, true));
                // nobody wrote here, but the two share the group
                withGroupmate = direct(db, viewer, Map.of(viewer, false, groupmate, false));
            }
            try (Session session = factory.openSession()) {
                ConversationViews views = new ConversationViews();
                views.em = session;
                views.presence = new Presence(ClusterSettings.none(), new PresenceChanges(session));
                Map<Long, Map<String, ParticipantView>> seen = new HashMap<>();
                for (ConversationView view : views.of(viewer)) {
                    Map<String, ParticipantView> people = new HashMap<>();
                    view.participants().forEach(p -> people.put(p.userId(), p));
                    seen.put(view.id(), people);
                }

                assertThat(seen).containsOnlyKeys(group, withStranger, withFriend, withGroupmate);
                assertThat(seen.get(group)).containsOnlyKeys(viewer, groupmate, blocker);
                assertThat(lastSeen(seen, group, viewer)).as("one's own").isEqualTo(SEEN);
                assertThat(lastSeen(seen, group, groupmate)).as("a groupmate").isEqualTo(SEEN);
                assertThat(lastSeen(seen, group, blocker)).as("a groupmate who blocks the viewer").isNull();
                assertThat(lastSeen(seen, withStranger, stranger)).as("only the viewer wrote").isNull();
                assertThat(lastSeen(seen, withFriend, friend)).as("both wrote").isEqualTo(SEEN);
                assertThat(lastSeen(seen, withGroupmate, groupmate)).as("a groupmate, elsewhere").isEqualTo(SEEN);
                assertThat(seen.get(group).get(groupmate).role()).isEqualTo("member");
                assertThat(seen.get(group).get(viewer).role()).isEqualTo("owner");
                assertThat(seen.get(withFriend).get(friend).role()).as("no roles outside a group").isNull();
                assertThat(seen.values().stream().flatMap(people -> people.values().stream()))
                        .as("nobody is connected").noneMatch(ParticipantView::online);
            }
        }
    }

    private static Instant lastSeen(Map<Long, Map<String, ParticipantView>> seen, long conversation, String user) {
        return seen.get(conversation).get(user).lastSeenAt();
    }

    /** A group's conversation, created by {@code owner}, with these members. */
    private static long group(Connection db, String owner, List<String> members) throws SQLException {
        long conversation = conversation(db, "group", null, owner);
        long group;
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO chat_groups (name, invite_code, "
                + "conversation_id, created_by, created_at) VALUES ('team', ?, ?, ?, now())", new String[]{"id"})) {
            insert.setString(1, UUID.randomUUID().toString().substring(0, 20));
            insert.setLong(2, conversation);
            insert.setString(3, owner);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                group = key.getLong(1);
            }
        }
        run(db, "UPDATE conversations SET group_id = " + group + " WHERE id = " + conversation);
        for (String member : members) {
            member(db, conversation, member, member.equals(owner) ? "owner" : "member", false);
        }
        return conversation;
    }

    /** A direct conversation; each member with whether they have written in it. */
    private static long direct(Connection db, String creator, Map<String, Boolean> posted) throws SQLException {
        long conversation = conversation(db, "direct", UUID.randomUUID().toString(), creator);
        for (Map.Entry<String, Boolean> member : posted.entrySet()) {
            member(db, conversation, member.getKey(), "member", member.getValue());
        }
        return conversation;
    }

    private static long conversation(Connection db, String kind, String directKey, String creator)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO conversations (kind, direct_key, last_seq, "
                + "created_by, created_at, last_activity_at) VALUES (?, ?, 0, ?, now(), now())",
                new String[]{"id"})) {
            insert.setString(1, kind);
            insert.setString(2, directKey);
            insert.setString(3, creator);
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        }
    }

    private static void member(Connection db, long conversation, String user, String role, boolean posted)
            throws SQLException {
        run(db, "INSERT INTO conversation_members (conversation_id, user_id, role, joined_at, posted) VALUES ("
                + conversation + ", ?, ?, now(), " + posted + ")", user, role);
    }

    private static void run(Connection db, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
