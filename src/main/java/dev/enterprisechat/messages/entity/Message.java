package dev.enterprisechat.messages.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** One message; immutable once stored. */
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
public class Message {

    public static final String NEWEST = "Message.newest";
    public static final String BEFORE = "Message.before";
    public static final String AFTER = "Message.after";
    public static final String BETWEEN = "Message.between";
    public static final String UNREAD = "Message.unread";

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

    protected Message() {
    }

    public Message(long conversationId, long seq, String senderId, String content, String clientMessageId,
                   Instant createdAt) {
        this.conversationId = conversationId;
        this.seq = seq;
        this.senderId = senderId;
        this.content = content;
        this.clientMessageId = clientMessageId;
        this.createdAt = createdAt;
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
}
