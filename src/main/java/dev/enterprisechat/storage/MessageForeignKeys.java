package dev.enterprisechat.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Migration 7: the messages table keeps no foreign keys (to its conversation and its sender). Both are checked for
 * every row inserted, each by a query of its own that PostgreSQL runs after the statement: about a tenth of the
 * database's CPU per message at 16 senders (measured 2026-12-07, docs/benchmarks.md). Both are guaranteed by the one
 * place that inserts messages, the writer, in the same transaction:
 * <ul>
 * <li>the conversation: its row is locked ({@code FOR UPDATE}) before the insert and updated by the same statement;</li>
 * <li>the sender: a member of the conversation, read under that lock (a membership references its user, and leaving
 * takes the same lock).</li>
 * </ul>
 * Nothing deletes a user or a conversation. A Java migration because the constraints' names differ between
 * PostgreSQL and H2 (the embedded database): they are found by the table's imported keys.
 */
public class MessageForeignKeys implements JavaMigration {

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("7");
    }

    @Override
    public String getDescription() {
        return "messages without foreign keys";
    }

    @Override
    public Integer getChecksum() {
        return 7;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        List<String> names = foreignKeys(db);
        try (Statement statement = db.createStatement()) {
            for (String name : names) {
                statement.execute("ALTER TABLE messages DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }

    /** The names of the messages table's foreign keys in the schema being migrated. */
    private static List<String> foreignKeys(Connection db) throws SQLException {
        DatabaseMetaData meta = db.getMetaData();
        String table = meta.storesUpperCaseIdentifiers() ? "MESSAGES" : "messages";
        List<String> names = new ArrayList<>();
        try (ResultSet keys = meta.getImportedKeys(db.getCatalog(), db.getSchema(), table)) {
            while (keys.next()) {
                String name = keys.getString("FK_NAME");
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
