package dev.enterprisechat.conversations.entity;

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

/** A user taking part in a conversation. */
@Entity
@Table(name = "conversation_members")
@IdClass(Membership.Key.class)
@NamedNativeQuery(name = Membership.INSERT_IF_ABSENT, query = """
        INSERT INTO conversation_members (conversation_id, user_id, role, joined_at, last_read_seq)
        VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT DO NOTHING""")
@NamedQuery(name = Membership.ADVANCE_READ, query = """
        UPDATE Membership m SET m.lastReadSeq = :seq, m.lastReadAt = :at
        WHERE m.conversationId = :conversation AND m.userId = :user AND m.lastReadSeq < :seq""")
@NamedNativeQuery(name = Membership.PRESENCE_AUDIENCE, query = """
        SELECT DISTINCT other.user_id FROM conversation_members mine
        JOIN conversation_members other ON other.conversation_id = mine.conversation_id
        JOIN conversations c ON c.id = mine.conversation_id
        WHERE mine.user_id = ?1 AND other.user_id <> ?1
          AND (c.group_id IS NOT NULL OR (mine.posted AND other.posted))
          AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = ?1 AND b.blocked_id = other.user_id)""")
@NamedNativeQuery(name = Membership.PRESENCE_VISIBLE, query = """
        SELECT DISTINCT other.user_id FROM conversation_members mine
        JOIN conversation_members other ON other.conversation_id = mine.conversation_id
        JOIN conversations c ON c.id = mine.conversation_id
        WHERE mine.user_id = ?1 AND other.user_id IN (?2)
          AND (c.group_id IS NOT NULL OR (mine.posted AND other.posted))
          AND NOT EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = other.user_id AND b.blocked_id = ?1)""")
@NamedQuery(name = Membership.READ_POSITIONS_OF_USER, query = """
        SELECT m.conversationId, m.userId, m.lastReadSeq FROM Membership m
        WHERE m.conversationId IN (SELECT mine.conversationId FROM Membership mine WHERE mine.userId = :user)""")
@NamedQuery(name = Membership.USER_IDS, query = "SELECT m.userId FROM Membership m WHERE m.conversationId = :id")
@NamedQuery(name = Membership.NEXT_OWNER, query = """
        SELECT m FROM Membership m WHERE m.conversationId = :id
        ORDER BY CASE WHEN m.role = 'admin' THEN 0 ELSE 1 END, m.joinedAt, m.userId""")
@NamedQuery(name = Membership.ROLES, query = "SELECT m.userId, m.role FROM Membership m WHERE m.conversationId = :id")
@NamedNativeQuery(name = Membership.PARTICIPANTS, query = """
        SELECT m.conversation_id, u.id, u.display_name, u.last_seen_at,
               CASE WHEN c.group_id IS NOT NULL THEN m.role END,
               CASE WHEN u.id = ?1 THEN TRUE
                    WHEN EXISTS (SELECT 1 FROM user_blocks b WHERE b.blocker_id = u.id AND b.blocked_id = ?1) THEN FALSE
                    ELSE EXISTS (SELECT 1 FROM conversation_members mine
                                 JOIN conversation_members other ON other.conversation_id = mine.conversation_id
                                 JOIN conversations shared ON shared.id = mine.conversation_id
                                 WHERE mine.user_id = ?1 AND other.user_id = u.id
                                   AND (shared.group_id IS NOT NULL OR (mine.posted AND other.posted))) END
        FROM conversation_members m JOIN chat_users u ON u.id = m.user_id
        JOIN conversations c ON c.id = m.conversation_id
        WHERE m.conversation_id IN (?2) ORDER BY m.conversation_id, m.joined_at, u.id""")
public class Membership {

    public static final String USER_IDS = "Membership.userIds";
    /** Who owns a conversation when its owner leaves: the earliest-joined admin, else the earliest-joined member. */
    public static final String NEXT_OWNER = "Membership.nextOwner";
    /** Every participant's role: (user id, role). */
    public static final String ROLES = "Membership.roles";
    public static final String READ_POSITIONS_OF_USER = "Membership.readPositionsOfUser";
    public static final String ADVANCE_READ = "Membership.advanceRead";
    /** Who may see a user's presence: see {@link #PRESENCE_VISIBLE}. */
    public static final String PRESENCE_AUDIENCE = "Membership.presenceAudience";
    /**
     * Whose presence (among some users) a viewer may see. Two users see each other's presence when they share a
     * group, or another conversation in which both have sent a message (being put into a conversation is not
     * consent); and never when the one whose presence it is blocked the other.
     */
    public static final String PRESENCE_VISIBLE = "Membership.presenceVisible";
    public static final String INSERT_IF_ABSENT = "Membership.insertIfAbsent";
    /**
     * The participants of some conversations as a viewer sees them: (conversation id, user id, display name, last
     * seen, role in a group's conversation else null, whether the viewer may see their presence). Presence is
     * visible by the rule of {@link #PRESENCE_VISIBLE}, and one's own always: read in the same statement, so a view
     * costs one round trip for its participants whatever their number.
     */
    public static final String PARTICIPANTS = "Membership.participants";
    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    @Id
    @Column(name = "conversation_id")
    private Long conversationId;

    @Id
    @Column(name = "user_id")
    private String userId;

    @Column(nullable = false)
    private String role;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt;

    @Column(name = "last_read_seq", nullable = false)
    private long lastReadSeq;

    @Column(name = "last_read_at")
    private Instant lastReadAt;

    protected Membership() {
    }

    public Membership(long conversationId, String userId, String role, Instant joinedAt) {
        this.conversationId = conversationId;
        this.userId = userId;
        this.role = role;
        this.joinedAt = joinedAt;
    }

    public String userId() {
        return userId;
    }

    public long lastReadSeq() {
        return lastReadSeq;
    }

    public String role() {
        return role;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    public long conversationId() {
        return conversationId;
    }

    /** The owner left (this is the earliest-joined admin, or else member), or handed the group over. */
    public void becomeOwner() {
        this.role = OWNER;
    }

    /** An owner's decision: {@link #ADMIN} or {@link #MEMBER}. */
    public void takeRole(String newRole) {
        this.role = newRole;
    }

    public boolean isOwner() {
        return OWNER.equals(role);
    }

    /** An owner or an admin: may change the group, its members and its invite code. */
    public boolean manages() {
        return OWNER.equals(role) || ADMIN.equals(role);
    }

    /** The primary key: (conversation, user). */
    public static class Key implements Serializable {

        private Long conversationId;
        private String userId;

        public Key() {
        }

        public Key(long conversationId, String userId) {
            this.conversationId = conversationId;
            this.userId = userId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(conversationId, key.conversationId)
                    && Objects.equals(userId, key.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(conversationId, userId);
        }
    }
}
