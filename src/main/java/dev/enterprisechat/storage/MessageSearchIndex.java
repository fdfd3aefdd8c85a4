package dev.enterprisechat.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Statement;

/**
 * Migration 6.1: full-text search over messages, on PostgreSQL only (H2, the embedded database for trying the server
 * out, has no {@code tsvector}; search there matches words case-insensitively instead). A Java migration because a
 * SQL file runs on every database alike.
 * <p>
 * The vector is a stored generated column, so it follows every edit and is emptied with the content when a message
 * is deleted (erasure). The {@code simple} configuration: no stemming and no stop words, so that a chat in any
 * language is searched alike.
 */
public class MessageSearchIndex implements JavaMigration {

    static final String[] POSTGRES = {
            """
            ALTER TABLE messages ADD COLUMN search_vector tsvector
                GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, content)) STORED""",
            "CREATE INDEX messages_search ON messages USING GIN (search_vector)"
    };

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "message search (PostgreSQL)";
    }

    @Override
    public Integer getChecksum() {
        return 61;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        if (!"PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : POSTGRES) {
                statement.execute(sql);
            }
        }
    }
}
