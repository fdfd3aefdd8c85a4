package dev.enterprisechat.groups.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A group and the conversation it owns. */
@Entity
@Table(name = "chat_groups")
@NamedQuery(name = ChatGroup.BY_INVITE_CODE, query = "SELECT g FROM ChatGroup g WHERE g.inviteCode = :code")
public class ChatGroup {

    public static final String BY_INVITE_CODE = "ChatGroup.byInviteCode";

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
}
