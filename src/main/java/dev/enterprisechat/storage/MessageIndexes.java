package dev.enterprisechat.storage;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.sql.Statement;

/**
 * Migration 6.1: the message indexes that PostgreSQL and H2 (the embedded database for trying the server out) write
 * differently; a Java migration because a SQL file runs on every database alike.
 * <ul>
 * <li>Full-text search, on PostgreSQL only (H2 has no {@code tsvector}; search there matches words as substrings).
 * The vector is a stored generated column, so it follows every edit and is emptied with the content when a message
 * is deleted (erasure). The {@code simple} configuration: no stemming and no stop words, so that a chat in any
 * language is searched alike.</li>
 * <li>The replies to a message (their quotes follow its edits and deletion): on PostgreSQL a partial index, so that
 * the many messages that reply to nothing cost no index entry on the send path; H2 has no partial indexes.</li>
 * </ul>
 */
public class MessageIndexes implements JavaMigration {

    static final String[] POSTGRES = {
            """
            ALTER TABLE messages ADD COLUMN search_vector tsvector
                GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, content)) STORED""",
            "CREATE INDEX messages_search ON messages USING GIN (search_vector)",
            """
            CREATE INDEX messages_by_reply ON messages (conversation_id, reply_to_seq)
                WHERE reply_to_seq IS NOT NULL"""
    };

    static final String[] EMBEDDED = {
            "CREATE INDEX messages_by_reply ON messages (conversation_id, reply_to_seq)"
    };

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("6.1");
    }

    @Override
    public String getDescription() {
        return "message search and replies indexes";
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
        boolean postgres = "PostgreSQL".equals(context.getConnection().getMetaData().getDatabaseProductName());
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : postgres ? POSTGRES : EMBEDDED) {
                statement.execute(sql);
            }
        }
    }
}
