package dev.enterprisechat.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user: the subject of the tokens it signs in with. */
@Entity
@Table(name = "chat_users")
@NamedQuery(name = ChatUser.MARK_SEEN, query = "UPDATE ChatUser u SET u.lastSeenAt = :at WHERE u.id = :id")
@NamedQuery(name = ChatUser.EXISTING, query = "SELECT u.id FROM ChatUser u WHERE u.id IN :ids")
@NamedNativeQuery(name = ChatUser.RENAME, query = ChatUser.RENAMING)
@NamedNativeQuery(name = ChatUser.INSERT_IF_ABSENT,
        query = "INSERT INTO chat_users (id, display_name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
@NamedNativeQuery(name = ChatUser.UPSERT, query = "WITH renamed AS (" + ChatUser.RENAMING + """
         RETURNING id)
        INSERT INTO chat_users (id, display_name, created_at) SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM renamed)
        ON CONFLICT DO NOTHING""")
@NamedNativeQuery(name = ChatUser.SEARCH, query = ChatUser.MATCHING + " ORDER BY LOWER(u.display_name), u.id")
@NamedNativeQuery(name = ChatUser.SEARCH_SHARED, query = ChatUser.MATCHING + """
         AND EXISTS (SELECT 1 FROM conversation_members mine
                     JOIN conversation_members theirs ON theirs.conversation_id = mine.conversation_id
                     WHERE mine.user_id = ?1 AND theirs.user_id = u.id)
        ORDER BY LOWER(u.display_name), u.id""")
public class ChatUser {

    /**
     * Users other than ?1 whose display name or id starts with ?2 or holds ?3 (a space and the query): a prefix of
     * any word, case-insensitive (the caller lowercases the query and escapes LIKE's wildcards with a backslash).
     */
    static final String MATCHING = """
            SELECT u.id, u.display_name, u.last_seen_at FROM chat_users u
            WHERE u.id <> ?1
              AND (LOWER(u.display_name) LIKE ?2 ESCAPE '\\' OR LOWER(u.display_name) LIKE ?3 ESCAPE '\\'
                   OR LOWER(u.id) LIKE ?2 ESCAPE '\\' OR LOWER(u.id) LIKE ?3 ESCAPE '\\')""";
    public static final String EXISTING = "ChatUser.existing";
    /** search_users among every user: (id, display name, last seen). */
    public static final String SEARCH = "ChatUser.search";
    /** search_users among the users who share a conversation with ?1. */
    public static final String SEARCH_SHARED = "ChatUser.searchShared";
    public static final String RENAME = "ChatUser.rename";
    /** The rename of {@link #RENAME} and of {@link #UPSERT}: only a name that changed is written. */
    static final String RENAMING = "UPDATE chat_users SET display_name = ?2 WHERE id = ?1 AND display_name <> ?2";
    public static final String INSERT_IF_ABSENT = "ChatUser.insertIfAbsent";
    /**
     * {@link #RENAME} and {@link #INSERT_IF_ABSENT} in one statement (PostgreSQL): a sign-in that writes costs one
     * round trip whether the user is new, renamed or unchanged. An unchanged user's row is neither written nor locked
     * (the insert meets the key and does nothing), so the sign-in's transaction stays read-only.
     */
    public static final String UPSERT = "ChatUser.upsert";
    /** When the user went offline, written without reading the row first. */
    public static final String MARK_SEEN = "ChatUser.markSeen";

    @Id
    private String id;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    protected ChatUser() {
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }
}
