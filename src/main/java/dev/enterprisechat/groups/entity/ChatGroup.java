package dev.enterprisechat.groups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A group and the conversation it owns. */
@Entity
@Table(name = "chat_groups")
@NamedQuery(name = ChatGroup.BY_INVITE_CODE, query = "SELECT g FROM ChatGroup g WHERE g.inviteCode = :code")
@NamedQuery(name = ChatGroup.CREATED_SINCE,
        query = "SELECT COUNT(g) FROM ChatGroup g WHERE g.createdBy = :user AND g.createdAt > :since")
@NamedNativeQuery(name = ChatGroup.FAILED_JOINS_SINCE,
        query = "SELECT COUNT(*) FROM failed_joins WHERE user_id = ?1 AND attempted_at > ?2")
@NamedNativeQuery(name = ChatGroup.RECORD_FAILED_JOIN,
        query = "INSERT INTO failed_joins (user_id, attempted_at) VALUES (?1, ?2)")
@NamedNativeQuery(name = ChatGroup.FORGET_FAILED_JOINS,
        query = "DELETE FROM failed_joins WHERE user_id = ?1 AND attempted_at <= ?2")
@NamedNativeQuery(name = ChatGroup.USE_INVITE, query = """
        UPDATE chat_groups SET invite_uses = invite_uses + 1
        WHERE id = ?1 AND invite_code = ?2 AND (invite_max_uses IS NULL OR invite_uses < invite_max_uses)""")
public class ChatGroup {

    public static final String BY_INVITE_CODE = "ChatGroup.byInviteCode";
    public static final String CREATED_SINCE = "ChatGroup.createdSince";
    public static final String FAILED_JOINS_SINCE = "ChatGroup.failedJoinsSince";
    public static final String RECORD_FAILED_JOIN = "ChatGroup.recordFailedJoin";
    public static final String FORGET_FAILED_JOINS = "ChatGroup.forgetFailedJoins";
    /** Counts one use of the code, unless it is used up (or rotated away) meanwhile: 0 rows then. */
    public static final String USE_INVITE = "ChatGroup.useInvite";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String name;

    private String description;

    @Column(name = "invite_code", nullable = false)
    private String inviteCode;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "invite_expires_at")
    private Instant inviteExpiresAt;

    @Column(name = "invite_max_uses")
    private Integer inviteMaxUses;

    @Column(name = "invite_uses", nullable = false)
    private int inviteUses;

    @Column(name = "members_can_invite", nullable = false)
    private boolean membersCanInvite = true;

    protected ChatGroup() {
    }

    public ChatGroup(String name, String description, String inviteCode, long conversationId, String createdBy,
                     Instant createdAt) {
        this.name = name;
        this.description = description;
        this.inviteCode = inviteCode;
        this.conversationId = conversationId;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** Whether the current code still opens the group: not expired, not used up. */
    public boolean inviteValidAt(Instant now) {
        return (inviteExpiresAt == null || now.isBefore(inviteExpiresAt))
                && (inviteMaxUses == null || inviteUses < inviteMaxUses);
    }

    /** A new code replaces the old one, which opens nothing from now on; its uses start at 0. */
    public void rotateInvite(String code, Instant expiresAt, Integer maxUses) {
        this.inviteCode = code;
        this.inviteExpiresAt = expiresAt;
        this.inviteMaxUses = maxUses;
        this.inviteUses = 0;
    }

    public void rename(String newName) {
        this.name = newName;
    }

    public void describe(String newDescription) {
        this.description = newDescription;
    }

    public void letMembersInvite(boolean allowed) {
        this.membersCanInvite = allowed;
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String inviteCode() {
        return inviteCode;
    }

    public long conversationId() {
        return conversationId;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant inviteExpiresAt() {
        return inviteExpiresAt;
    }

    public Integer inviteMaxUses() {
        return inviteMaxUses;
    }

    public int inviteUses() {
        return inviteUses;
    }

    public boolean membersCanInvite() {
        return membersCanInvite;
    }
}
