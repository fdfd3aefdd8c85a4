package dev.enterprisechat.storage;

import dev.enterprisechat.testsupport.StandaloneJpa;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The message lifecycle migration (V006, and 6.1 for search) upgrades a database that holds messages written by the
 * schema before it: nothing is lost or renumbered, every message's rev is its seq, every conversation's last rev its
 * last seq, and the old messages are searchable. Runs in a schema of its own in the test database.
 */
class UpgradeToMessageLifecycleIT {

    @Test
    void theUpgradeKeepsEveryMessageAndGivesEachTheRevOfItsSeq() throws SQLException {
        String schema = "upgrade_" + Long.toString(System.nanoTime(), 36);
        DataSource database = StandaloneJpa.testDatabase();
        try {
            Flyway.configure().dataSource(database).schemas(schema).locations("classpath:db/migration")
                    .target("4").load().migrate();
            run(database, schema, """
                    INSERT INTO chat_users (id, display_name, created_at) VALUES ('ann', 'Ann', now()), ('ben', 'Ben', now());
                    INSERT INTO conversations (id, kind, title, last_seq, created_by, created_at, last_activity_at)
                        VALUES (1, 'group', 'old', 3, 'ann', now(), now()), (2, 'group', 'older', 1, 'ben', now(), now());
                    INSERT INTO conversation_members (conversation_id, user_id, role, joined_at)
                        VALUES (1, 'ann', 'owner', now()), (1, 'ben', 'member', now()), (2, 'ben', 'owner', now());
                    INSERT INTO messages (conversation_id, seq, sender_id, content, client_message_id, created_at)
                        VALUES (1, 1, 'ann', 'hello from before', 'c1', now()), (1, 2, 'ben', 'second', NULL, now()),
                               (1, 3, 'ann', 'third', NULL, now()), (2, 1, 'ben', 'alone', NULL, now())""");

            SchemaMigration.configure(Flyway.configure()).dataSource(database).schemas(schema).load().migrate();

            assertThat(rows(database, schema, "SELECT conversation_id || ':' || seq || '@' || rev || ' ' || content"
                    + " || ' ' || reactions FROM messages ORDER BY conversation_id, seq")).containsExactly(
                    "1:1@1 hello from before []", "1:2@2 second []", "1:3@3 third []", "2:1@1 alone []");
            assertThat(rows(database, schema, "SELECT id || ':' || last_seq || '/' || last_rev FROM conversations"
                    + " ORDER BY id")).containsExactly("1:3/3", "2:1/1");
            assertThat(rows(database, schema, "SELECT content FROM messages"
                    + " WHERE search_vector @@ plainto_tsquery('simple', 'Hello')")).containsExactly(
                    "hello from before");
        } finally {
            run(database, "public", "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static void run(DataSource database, String schema, String sql) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            for (String one : sql.split(";\n")) {
                statement.execute(one);
            }
        }
    }

    private static List<String> rows(DataSource database, String schema, String sql) throws SQLException {
        try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }
}
