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
@NamedQuery(name = ChatUser.EXISTING, query = "SELECT u.id FROM ChatUser u WHERE u.id IN :ids")
@NamedNativeQuery(name = ChatUser.RENAME,
        query = "UPDATE chat_users SET display_name = ?2 WHERE id = ?1 AND display_name <> ?2")
@NamedNativeQuery(name = ChatUser.INSERT_IF_ABSENT,
        query = "INSERT INTO chat_users (id, display_name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
public class ChatUser {
    public static final String EXISTING = "ChatUser.existing";
    public static final String RENAME = "ChatUser.rename";
    public static final String INSERT_IF_ABSENT = "ChatUser.insertIfAbsent";

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

    public void seen(Instant at) {
        this.lastSeenAt = at;
    }
}
