package dev.enterprisechat.users.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One user blocking another: the blocked user cannot start conversations or direct messages with the blocker. */
@Entity
@Table(name = "user_blocks")
@IdClass(UserBlock.Key.class)
@NamedNativeQuery(name = UserBlock.INSERT_IF_ABSENT, query = """
        INSERT INTO user_blocks (blocker_id, blocked_id, created_at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING""")
@NamedQuery(name = UserBlock.DELETE,
        query = "DELETE FROM UserBlock b WHERE b.blockerId = :blocker AND b.blockedId = :blocked")
@NamedQuery(name = UserBlock.BLOCKERS_OF, query = """
        SELECT b.blockerId FROM UserBlock b WHERE b.blockedId = :blocked AND b.blockerId IN :candidates""")
@NamedQuery(name = UserBlock.BLOCKED_BY, query = """
        SELECT b.blockedId, u.displayName, b.createdAt FROM UserBlock b LEFT JOIN ChatUser u ON u.id = b.blockedId
        WHERE b.blockerId = :blocker ORDER BY b.createdAt, b.blockedId""")
public class UserBlock {

    public static final String INSERT_IF_ABSENT = "UserBlock.insertIfAbsent";
    public static final String DELETE = "UserBlock.delete";
    public static final String BLOCKERS_OF = "UserBlock.blockersOf";
    public static final String BLOCKED_BY = "UserBlock.blockedBy";

    @Id
    @Column(name = "blocker_id")
    private String blockerId;

    @Id
    @Column(name = "blocked_id")
    private String blockedId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UserBlock() {
    }

    /** The primary key: (blocker, blocked). */
    public static class Key implements Serializable {

        private String blockerId;
        private String blockedId;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(blockerId, key.blockerId)
                    && Objects.equals(blockedId, key.blockedId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(blockerId, blockedId);
        }
    }
}
