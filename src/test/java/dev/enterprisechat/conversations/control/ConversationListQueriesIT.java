package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.cluster.control.ClusterSettings;
import dev.enterprisechat.presence.control.Presence;
import dev.enterprisechat.presence.control.PresenceChanges;
import dev.enterprisechat.testsupport.StandaloneJpa;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conversation list costs the same number of statements whatever its length: no query per conversation
 * (run on the real entities and named queries, against PostgreSQL, counting prepared statements).
 */
class ConversationListQueriesIT {

    private static SessionFactory factory;
    private static DataSource database;

    @BeforeAll
    static void start() {
        database = StandaloneJpa.testDatabase();
        factory = StandaloneJpa.start(database, Map.of("hibernate.generate_statistics", true));
    }

    @AfterAll
    static void stop() {
        factory.close();
    }

    @Test
    void listingOneOrFortyConversationsTakesTwoStatements() throws SQLException {
        String few = user(1);
        String many = user(40);

        // the conversations, and their participants with whose presence the viewer may see
        assertThat(statementsToList(few, 1)).isEqualTo(2);
        assertThat(statementsToList(many, 40)).isEqualTo(2);
    }

    @Test
    void aPageOfTheListTakesTwoStatementsToo() throws SQLException {
        String many = user(40);
        Statistics statistics = factory.getStatistics();
        try (Session session = factory.openSession()) {
            ConversationViews views = new ConversationViews();
            views.em = session;
            views.presence = new Presence(ClusterSettings.none(), new PresenceChanges(session));
            statistics.clear();
            ConversationPage first = views.page(many, 15, null);
            assertThat(statistics.getPrepareStatementCount()).isEqualTo(2);
            ConversationPage second = views.page(many, 30, ConversationCursor.decode(first.nextCursor()));

            assertThat(first.conversations()).hasSize(15);
            assertThat(first.hasMore()).isTrue();
            assertThat(second.conversations()).hasSize(25);
            assertThat(second.hasMore()).isFalse();
            assertThat(second.conversations()).extracting(ConversationView::id)
                    .doesNotContainAnyElementsOf(first.conversations().stream().map(ConversationView::id).toList());
        }
    }

    private long statementsToList(String user, int expectedConversations) {
        Statistics statistics = factory.getStatistics();
        try (Session session = factory.openSession()) {
            ConversationViews views = new ConversationViews();
            views.em = session;
            views.presence = new Presence(ClusterSettings.none(), new PresenceChanges(session));
            statistics.clear();
            List<ConversationView> list = views.of(user);
            assertThat(list).hasSize(expectedConversations)
                    .allSatisfy(c -> {
                        assertThat(c.lastMessage()).isNotNull();
                        assertThat(c.lastMessage().seq()).isEqualTo(3);
                        assertThat(c.unreadCount()).isEqualTo(2);
                        assertThat(c.participants()).hasSize(2);
                    });
            return statistics.getPrepareStatementCount();
        }
    }

    /** A user with {@code conversations} conversations, each with another user and three messages. */
    private static String user(int conversations) throws SQLException {
        String user = "q-" + UUID.randomUUID();
        String other = "o-" + UUID.randomUUID();
        try (Connection c = database.getConnection()) {
            for (String id : List.of(user, other)) {
                run(c, "INSERT INTO chat_users (id, display_name, created_at) VALUES (?, ?, now())", id, id);
            }
            for (int i = 0; i < conversations; i++) {
                long id = newConversation(c, user);
                for (String member : List.of(user, other)) {
                    run(c, "INSERT INTO conversation_members (conversation_id, user_id, role, joined_at) "
                            + "VALUES (" + id + ", ?, 'member', now())", member);
                }
                for (int seq = 1; seq <= 3; seq++) {
                    run(c, "INSERT INTO messages (conversation_id, seq, sender_id, content, created_at) VALUES ("
                            + id + ", " + seq + ", ?, ?, now())", seq == 1 ? user : other, "m" + seq);
                }
            }
        }
        return user;
    }

    private static long newConversation(Connection c, String creator) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO conversations (kind, title, last_seq, "
                + "created_by, created_at, last_activity_at) VALUES ('group', 't', 3, ?, now(), now()) RETURNING id")) {
            insert.setString(1, creator);
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void run(Connection c, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }
}
