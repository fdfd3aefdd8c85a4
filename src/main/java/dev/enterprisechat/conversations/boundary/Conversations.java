package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.ConversationQuota;
import dev.enterprisechat.conversations.control.ConversationStarts;
import dev.enterprisechat.conversations.control.ConversationCursor;
import dev.enterprisechat.conversations.control.ConversationPage;
import dev.enterprisechat.conversations.control.ConversationViews;
import dev.enterprisechat.conversations.control.MemberUpdates;
import dev.enterprisechat.conversations.control.ParticipantLeft;
import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.storage.Timestamps;
import dev.enterprisechat.users.boundary.Blocks;
import dev.enterprisechat.users.boundary.Users;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Creates and lists conversations. */
@Stateless
public class Conversations {

    public static final String MEMBER_LEFT = "member_left";
    static final String LEFT = "left";
    static final String REMOVED = "removed";

    @PersistenceContext
    EntityManager em;

    @Inject
    Users users;

    @Inject
    ConversationViews views;

    @Inject
    ConversationStarts starts;

    @Inject
    Participants participants;

    @Inject
    Blocks blocks;

    @Inject
    ConversationQuota quota;

    @Inject
    Event<Broadcast> broadcasts;

    @Inject
    Event<ParticipantLeft> left;

    @Inject
    MemberUpdates memberUpdates;

    /**
     * Creates a conversation of the creator and {@code others}; one other and no title is a direct conversation,
     * which is returned as it is when the pair already has one. Users unknown to the server and users who blocked
     * the creator are refused alike, so that the answer tells nothing about either.
     */
    public ConversationView create(Caller caller, Set<String> others, String title) {
        String creator = caller.userId();
        Set<String> refused = new TreeSet<>(users.unknown(others));
        refused.addAll(blocks.blockersOf(creator, others));
        if (!refused.isEmpty()) {
            throw ChatException.notFound("user " + refused.iterator().next()
                    + " is unknown or does not accept conversations with you");
        }
        boolean direct = others.size() == 1 && title == null;
        if (direct) {
            Optional<ConversationView> existing = direct(creator, others.iterator().next());
            if (existing.isPresent()) {
                return existing.get();
            }
        }
        quota.check(creator);
        Instant now = Timestamps.now();
        Conversation conversation;
        if (direct) {
            Optional<Conversation> created = createDirect(creator, others.iterator().next(), now);
            if (created.isEmpty()) {
                return direct(creator, others.iterator().next()).orElseThrow();
            }
            conversation = created.get();
        } else {
            conversation = Conversation.group(creator, title, now);
            em.persist(conversation);
        }
        return starts.announce(caller, conversation.id(), starts.seat(conversation, creator, others, now));
    }

    /**
     * Inserts the pair's direct conversation unless it exists. When two requests race, the unique key makes the
     * second insert wait for the first to commit and then do nothing: no error, no duplicate.
     *
     * @return the new conversation, or empty when the pair had one already
     */
    private Optional<Conversation> createDirect(String creator, String other, Instant now) {
        String key = Conversation.directKey(creator, other);
        int inserted = em.createNamedQuery(Conversation.INSERT_DIRECT)
                .setParameter(1, key).setParameter(2, creator).setParameter(3, now)
                .executeUpdate();
        if (inserted == 0) {
            return Optional.empty();
        }
        return em.createNamedQuery(Conversation.DIRECT, Conversation.class).setParameter("key", key)
                .getResultStream().findFirst();
    }

    /** The direct conversation of two users, as {@code viewer} (one of them) sees it, if they have one. */
    public Optional<ConversationView> direct(String viewer, String other) {
        return em.createNamedQuery(Conversation.DIRECT, Conversation.class)
                .setParameter("key", Conversation.directKey(viewer, other))
                .getResultStream().findFirst().map(c -> views.of(viewer, c.id()));
    }

    /**
     * The user stops taking part in a conversation that is not a direct one: every participant (and the user's
     * other connections) get {@code member_left}, and the user's connections leave its room on every instance. The
     * conversation's row lock orders this with the sends to it: a send committed after it no longer reaches the
     * user. When the owner leaves, the earliest-joined admin owns it, else the earliest-joined member.
     */
    public void exit(Caller caller, long conversationId) {
        String user = caller.userId();
        lock(conversationId);
        Membership mine = em.find(Membership.class, new Membership.Key(conversationId, user));
        if (mine == null) {
            throw ChatException.forbidden("not a participant of conversation " + conversationId);
        }
        Conversation conversation = em.find(Conversation.class, conversationId);
        if (Conversation.KIND_DIRECT.equals(conversation.kind())) {
            throw ChatException.badRequest("a direct conversation cannot be left: block the user instead");
        }
        end(conversation, mine, LEFT, caller.connectionId());
    }

    /**
     * Ends another participant's membership, the same way as {@link #exit}: the caller holds the conversation's lock
     * (see {@link #lock}) and has checked that the remover may. Every connection of the removed user hears it.
     */
    public void remove(Caller remover, Membership removed) {
        end(em.find(Conversation.class, removed.conversationId()), removed, REMOVED, remover.connectionId());
    }

    /** Takes the conversation's row lock for a change of its membership: it orders the change with the sends. */
    public void lock(long conversationId) {
        em.createNamedQuery(Conversation.LOCK).setParameter(1, conversationId).getResultList();
    }

    private void end(Conversation conversation, Membership leaving, String reason, String exceptConnection) {
        long conversationId = conversation.id();
        String user = leaving.userId();
        Set<String> audience = participants.userIds(conversationId);
        em.remove(leaving);
        em.flush();
        broadcasts.fire(Broadcast.toUsers(MEMBER_LEFT,
                        new MemberLeft(conversationId, conversation.groupId(), user, reason), audience,
                        exceptConnection)
                .evicting(user, conversationId));
        left.fire(new ParticipantLeft(conversationId, user));
        if (leaving.isOwner()) {
            em.createNamedQuery(Membership.NEXT_OWNER, Membership.class).setParameter("id", conversationId)
                    .setMaxResults(1).getResultStream().findFirst().ifPresent(heir -> {
                        heir.becomeOwner();
                        em.flush();
                        if (conversation.groupId() != null) {
                            memberUpdates.announce(conversationId, conversation.groupId(), heir.userId(),
                                    exceptConnection);
                        }
                    });
        }
    }

    /** The payload of {@code member_left}. */
    public record MemberLeft(long conversationId, Long groupId, String userId, String reason) {
    }

    /** The user's conversations, newest activity first. */
    public List<ConversationView> of(String user) {
        return views.of(user);
    }

    /** A page of them; {@code after} null for the first page. */
    public ConversationPage page(String user, int limit, ConversationCursor after) {
        return views.page(user, limit, after);
    }

    /** One conversation, for a participant only (FORBIDDEN otherwise). */
    public ConversationView view(long conversationId, String user) {
        return views.of(user, conversationId);
    }
}
