package dev.enterprisechat.conversations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;

/** A conversation; {@code lastSeq} is the seq of its newest message, advanced under the row's lock. */
@Entity
@Table(name = "conversations")
@NamedQuery(name = Conversation.OF_USER, query = Conversation.LISTING + """
        ORDER BY c.lastActivityAt DESC, c.id DESC""")
@NamedQuery(name = Conversation.ONE_OF_USER, query = Conversation.LISTING + " AND c.id = :id")
@NamedQuery(name = Conversation.SYNC_STATE, query = """
        SELECT c.id, c.lastSeq, mine.lastReadSeq, c.lastRev FROM Conversation c
        JOIN Membership mine ON mine.conversationId = c.id AND mine.userId = :user ORDER BY c.id""")
@NamedQuery(name = Conversation.DIRECT, query = "SELECT c FROM Conversation c WHERE c.directKey = :key")
@NamedQuery(name = Conversation.STARTED_SINCE, query = """
        SELECT COUNT(c) FROM Conversation c WHERE c.createdBy = :user AND c.groupId IS NULL AND c.createdAt > :since""")
@NamedNativeQuery(name = Conversation.LOCK, query = "SELECT id FROM conversations WHERE id = ?1 FOR UPDATE")
@NamedNativeQuery(name = Conversation.INSERT_DIRECT, query = """
        INSERT INTO conversations (kind, direct_key, last_seq, created_by, created_at, last_activity_at)
        VALUES ('direct', ?1, 0, ?2, ?3, ?3) ON CONFLICT DO NOTHING""")
public class Conversation {

    /**
     * A user's conversations with, in the same statement, the user's read position, the newest message, the
     * number of messages from others after the read position and the group's invite code: one query however many
     * conversations.
     */
    static final String LISTING = """
            SELECT c, mine.lastReadSeq, last,
                   (SELECT COUNT(x) FROM Message x WHERE x.conversationId = c.id AND x.seq > mine.lastReadSeq
                    AND x.senderId <> :user),
                   g.inviteCode
            FROM Conversation c JOIN Membership mine ON mine.conversationId = c.id AND mine.userId = :user
            LEFT JOIN Message last ON last.conversationId = c.id AND last.seq = c.lastSeq
            LEFT JOIN ChatGroup g ON g.conversationId = c.id
            WHERE 1 = 1""";
    public static final String OF_USER = "Conversation.ofUser";
    public static final String ONE_OF_USER = "Conversation.oneOfUser";
    public static final String DIRECT = "Conversation.direct";
    public static final String STARTED_SINCE = "Conversation.startedSince";
    public static final String LOCK = "Conversation.lock";
    public static final String SYNC_STATE = "Conversation.syncState";
    public static final String INSERT_DIRECT = "Conversation.insertDirect";
    public static final String KIND_DIRECT = "direct";
    public static final String KIND_GROUP = "group";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private String kind;

    private String title;

    @Column(name = "direct_key")
    private String directKey;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    /** The revision of the newest change (a new message, an edit, a deletion, a reaction), taken by the writers. */
    @Column(name = "last_rev", nullable = false)
    private long lastRev;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_activity_at", nullable = false)
    private Instant lastActivityAt;

    protected Conversation() {
    }

    private Conversation(String kind, String title, String directKey, String createdBy, Instant now) {
        this.kind = kind;
        this.title = title;
        this.directKey = directKey;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.lastActivityAt = now;
    }

    public static Conversation group(String creator, String title, Instant now) {
        return new Conversation(KIND_GROUP, title, null, creator, now);
    }

    /** The same key for (a, b) and (b, a); length-prefixed so that no two pairs share one. */
    public static String directKey(String a, String b) {
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = first.equals(a) ? b : a;
        return first.length() + ":" + first + "|" + second;
    }

    /** Takes the next seq for a new message; the caller holds the row lock. */
    public long nextSeq(Instant now) {
        lastSeq++;
        lastActivityAt = now;
        return lastSeq;
    }

    public void belongsTo(long group) {
        this.groupId = group;
    }

    public Long id() {
        return id;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public Long groupId() {
        return groupId;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public long lastRev() {
        return lastRev;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
