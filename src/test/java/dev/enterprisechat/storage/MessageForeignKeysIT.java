package dev.enterprisechat.storage;

import dev.enterprisechat.testsupport.StandaloneJpa;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration 7 drops the messages table's foreign keys (the writer guarantees both, see {@link MessageForeignKeys}), on
 * PostgreSQL, where a database holding messages is upgraded without losing one, and on the embedded H2, where the
 * constraints have other names. The other tables keep theirs.
 */
class MessageForeignKeysIT {

    private static final String FOREIGN_KEYS = """
            SELECT count(*) FROM information_schema.table_constraints
            WHERE table_schema = ? AND table_name = ? AND constraint_type = 'FOREIGN KEY'""";

    @Test
    void onPostgresqlTheUpgradeDropsTheMessagesForeignKeysAndKeepsEveryMessage() throws SQLException {
        String schema = "fk_" + Long.toString(System.nanoTime(), 36);
        DataSource database = StandaloneJpa.testDatabase();
        try {
            SchemaMigration.configure(Flyway.configure()).dataSource(database).schemas(schema).target("6.1").load()
                    .migrate();
            try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
                statement.execute("SET search_path TO " + schema);
                statement.execute("""
                        INSERT INTO chat_users (id, display_name, created_at) VALUES ('ann', 'Ann', now());
                        INSERT INTO conversations (id, kind, title, last_seq, last_rev, created_by, created_at,
                                                   last_activity_at)
                            VALUES (1, 'group', 'before', 2, 2, 'ann', now(), now());
                        INSERT INTO conversation_members (conversation_id, user_id, role, joined_at)
                            VALUES (1, 'ann', 'owner', now());
                        INSERT INTO messages (conversation_id, seq, rev, sender_id, content, created_at)
                            VALUES (1, 1, 1, 'ann', 'one', now()), (1, 2, 2, 'ann', 'two', now())""");
                assertThat(foreignKeys(db, schema, "messages")).isEqualTo(2);
            }

            SchemaMigration.configure(Flyway.configure()).dataSource(database).schemas(schema).load().migrate();

            try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
                assertThat(foreignKeys(db, schema, "messages")).isZero();
                assertThat(foreignKeys(db, schema, "conversation_members")).isEqualTo(2);
                try (ResultSet rows = statement.executeQuery(
                        "SELECT string_agg(seq || ' ' || content, ', ' ORDER BY seq) FROM " + schema + ".messages")) {
                    rows.next();
                    assertThat(rows.getString(1)).isEqualTo("1 one, 2 two");
                }
            }
        } finally {
            try (Connection db = database.getConnection(); Statement statement = db.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Test
    void onTheEmbeddedDatabaseTheMessagesForeignKeysAreDroppedToo() throws SQLException {
        DataSource h2 = EmbeddedDatabases.named("foreign-keys");
        SchemaMigration.configure(Flyway.configure()).dataSource(h2).target("6.1").load().migrate();
        try (Connection db = h2.getConnection()) {
            assertThat(foreignKeys(db, "public", "messages")).isEqualTo(2);
        }

        SchemaMigration.configure(Flyway.configure()).dataSource(h2).load().migrate();

        try (Connection db = h2.getConnection()) {
            assertThat(foreignKeys(db, "public", "messages")).isZero();
            assertThat(foreignKeys(db, "public", "conversation_members")).isEqualTo(2);
        }
    }

    private static long foreignKeys(Connection db, String schema, String table) throws SQLException {
        try (PreparedStatement count = db.prepareStatement(FOREIGN_KEYS)) {
            count.setString(1, schema);
            count.setString(2, table);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
