package dev.enterprisechat.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * One message. Stored by the writers (plain JDBC), which alone change it afterwards (edits, deletion, reactions), each
 * change with the next {@code rev} of its conversation; read here.
 */
@Entity
@Table(name = "messages")
@NamedQuery(name = Message.NEWEST, query = """
        SELECT m FROM Message m WHERE m.conversationId = :conversation ORDER BY m.seq DESC""")
@NamedQuery(name = Message.BEFORE, query = """
        SELECT m FROM Message m WHERE m.conversationId = :conversation AND m.seq < :before ORDER BY m.seq DESC""")
@NamedQuery(name = Message.AFTER, query = """
        SELECT m FROM Message m WHERE m.conversationId = :conversation AND m.seq > :after ORDER BY m.seq ASC""")
@NamedQuery(name = Message.BETWEEN, query = """
        SELECT m FROM Message m WHERE m.conversationId = :conversation AND m.seq > :after AND m.seq < :before
        ORDER BY m.seq ASC""")
@NamedQuery(name = Message.UNREAD, query = """
        SELECT COUNT(m) FROM Message m
        WHERE m.conversationId = :conversation AND m.seq > :after AND m.senderId <> :reader""")
@NamedQuery(name = Message.CHANGED, query = """
        SELECT m FROM Message m WHERE m.conversationId = :conversation AND m.seq <= :upToSeq AND m.rev > :afterRev
        ORDER BY m.rev ASC""")
public class Message {

    public static final String NEWEST = "Message.newest";
    public static final String BEFORE = "Message.before";
    public static final String AFTER = "Message.after";
    public static final String BETWEEN = "Message.between";
    public static final String UNREAD = "Message.unread";
    /** The messages up to a seq changed after a rev, by rev: sync's changes. */
    public static final String CHANGED = "Message.changed";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "conversation_id", nullable = false)
    private long conversationId;

    @Column(nullable = false)
    private long seq;

    @Column(name = "sender_id", nullable = false)
    private String senderId;

    @Column(nullable = false)
    private String content;

    @Column(name = "client_message_id")
    private String clientMessageId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private long rev;

    @Column(name = "edited_at")
    private Instant editedAt;

    @Column(name = "deleted_at")
    private Instant deletedAt;

    /** The reactions as a JSON array of {emoji, userIds} ({@link Reaction#parse(String)}). */
    @Column(nullable = false)
    private String reactions;

    @Column(name = "reply_to_seq")
    private Long replyToSeq;

    @Column(name = "reply_to_sender_id")
    private String replyToSenderId;

    @Column(name = "reply_excerpt")
    private String replyExcerpt;

    protected Message() {
    }

    public Long id() {
        return id;
    }

    public long conversationId() {
        return conversationId;
    }

    public long seq() {
        return seq;
    }

    public String senderId() {
        return senderId;
    }

    public String content() {
        return content;
    }

    public String clientMessageId() {
        return clientMessageId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public long rev() {
        return rev;
    }

    public Instant editedAt() {
        return editedAt;
    }

    public Instant deletedAt() {
        return deletedAt;
    }

    public String reactions() {
        return reactions;
    }

    /** What this message replies to, or null. */
    public ReplyTo replyTo() {
        return replyToSeq == null ? null : new ReplyTo(replyToSeq, replyToSenderId, replyExcerpt);
    }
}
