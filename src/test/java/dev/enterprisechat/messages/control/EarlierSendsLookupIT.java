package dev.enterprisechat.messages.control;

import dev.enterprisechat.storage.SchemaMigration;
import dev.enterprisechat.testsupport.StandaloneJpa;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The writer's read of earlier sends (a retry is answered with the message stored under its client message id) probes
 * the unique index of (conversation, sender, client message id) once per key, whatever the conversation's history
 * and even with the generic plan PostgreSQL caches for the writer's prepared statement. It once matched the
 * conversation first and read its whole history at every batch (or, with a generic plan, the whole table): a
 * send path that slowed down as the conversation grew. Checked on the plan PostgreSQL makes, not on a time.
 */
class EarlierSendsLookupIT {

    private static final int HISTORY = 20_000;

    private static DataSource database;
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static long conversation;

    @BeforeAll
    static void aLongConversation() throws SQLException {
        database = StandaloneJpa.testDatabase();
        SchemaMigration.configure(Flyway.configure()).dataSource(database).load().migrate();
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("INSERT INTO chat_users (id, display_name, created_at) SELECT 'lookup-" + RUN + "-' || i, 'x', "
                    + "now() FROM generate_series(1, 4) i");
            try (ResultSet rs = sql.executeQuery("INSERT INTO conversations (kind, created_by, created_at, "
                    + "last_activity_at) VALUES ('group', 'lookup-" + RUN + "-1', now(), now()) RETURNING id")) {
                rs.next();
                conversation = rs.getLong(1);
            }
            sql.execute("INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at, "
                    + "rev) SELECT " + conversation + ", i, 'lookup-" + RUN + "-' || (i % 4 + 1), 'message ' || i, "
                    + "'client-' || i, now(), i FROM generate_series(1, " + HISTORY + ") i");
            sql.execute("ANALYZE messages");
        }
    }

    @AfterAll
    static void cleanUp() throws SQLException {
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("DELETE FROM messages WHERE conversation_id = " + conversation);
            sql.execute("DELETE FROM conversations WHERE id = " + conversation);
            sql.execute("DELETE FROM chat_users WHERE id LIKE 'lookup-" + RUN + "-%'");
        }
    }

    @Test
    void aRetryIsFoundByOneIndexProbePerKeyInALongConversationWithTheCachedGenericPlan() throws SQLException {
        try (Connection db = database.getConnection(); Statement sql = db.createStatement()) {
            sql.execute("SET plan_cache_mode = force_generic_plan");
            sql.execute("PREPARE earlier_sends (bigint[], varchar[], varchar[]) AS "
                    + numbered(MessageSql.BY_CLIENT_KEYS));
            String keys = "(ARRAY[" + conversation + ", " + conversation + "], ARRAY['lookup-" + RUN + "-2', 'lookup-"
                    + RUN + "-3'], ARRAY['client-17', 'client-never-sent'])";

            List<String> plan = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) "
                    + "EXECUTE earlier_sends " + keys)) {
                while (rs.next()) {
                    plan.add(rs.getString(1).trim());
                }
            }
            List<Long> found = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("EXECUTE earlier_sends " + keys)) {
                while (rs.next()) {
                    found.add(MessageState.read(rs).seq);
                }
            }
            sql.execute("DEALLOCATE earlier_sends");

            assertThat(found).as("message 17 was sent by sender 2 (17 mod 4, plus 1); the other key was never sent")
                    .containsExactly(17L);
            assertThat(plan).as(String.join("\n", plan))
                    .anyMatch(line -> line.contains("Index Scan using messages_client_id_unique on messages"))
                    .noneMatch(line -> line.contains("Seq Scan on messages"))
                    .noneMatch(line -> line.contains("Bitmap Heap Scan on messages"))
                    .noneMatch(line -> line.startsWith("Rows Removed by Filter"));
        }
    }

    /** The JDBC placeholders as PREPARE's numbered parameters. */
    private static String numbered(String jdbcSql) {
        StringBuilder sql = new StringBuilder();
        int parameter = 0;
        for (char c : jdbcSql.toCharArray()) {
            if (c == '?') {
                sql.append('$').append(++parameter);
            } else {
                sql.append(c);
            }
        }
        return sql.toString();
    }
}
