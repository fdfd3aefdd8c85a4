package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.conversations.boundary.Conversations;
import dev.enterprisechat.conversations.control.ConversationStarts;
import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.GroupView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.groups.control.GroupAccess;
import dev.enterprisechat.groups.control.GroupQuota;
import dev.enterprisechat.groups.control.GroupViews;
import dev.enterprisechat.groups.control.InviteCodes;
import dev.enterprisechat.groups.entity.ChatGroup;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.storage.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Set;

/** Creates groups and lets users join them by invite code and leave them. */
@Stateless
public class Groups {

    public static final String MEMBER_JOINED = "member_joined";

    @PersistenceContext
    EntityManager em;

    @Inject
    Participants participants;

    @Inject
    Conversations conversations;

    @Inject
    ConversationStarts starts;

    @Inject
    Event<Broadcast> broadcasts;

    @Inject
    GroupQuota quota;

    @Inject
    GroupAccess access;

    /**
     * A new group with its conversation; the creator is its owner and only member. The creator's other
     * connections learn of it with {@code conversation_created}.
     */
    public GroupView create(Caller owner, String name, String description) {
        quota.checkCreation(owner.userId());
        Instant now = Timestamps.now();
        Conversation conversation = Conversation.group(owner.userId(), name, now);
        em.persist(conversation);
        Set<String> members = starts.seat(conversation, owner.userId(), Set.of(), now);
        ChatGroup group = new ChatGroup(name, description, InviteCodes.next(), conversation.id(), owner.userId(), now);
        em.persist(group);
        conversation.belongsTo(group.id());
        em.flush();
        starts.announce(owner, conversation.id(), members);
        return GroupViews.of(group, 1);
    }

    /**
     * Adds the user to the group of the code; announces {@code member_joined} unless they were in already. A code
     * that names no group, or that is expired or used up, counts against the user's failed joins (RATE_LIMITED once
     * they reach the quota). Only a new membership uses the code up.
     */
    public JoinedGroup join(Caller user, String inviteCode) {
        quota.checkJoin(user.userId());
        ChatGroup group = inviteCode.isEmpty() || inviteCode.length() > 32 ? null
                : em.createNamedQuery(ChatGroup.BY_INVITE_CODE, ChatGroup.class)
                .setParameter("code", inviteCode).getResultStream().findFirst().orElse(null);
        // a member's join stays idempotent after the code expired or ran out: it opens nothing new
        if (group == null || !group.inviteValidAt(Timestamps.now())
                && !participants.isParticipant(group.conversationId(), user.userId())) {
            throw refused(user);
        }
        long conversationId = group.conversationId();
        // one membership even when the same user joins from two connections at once: the second insert waits for
        // the first to commit, then does nothing, and only the first announces
        int added = em.createNamedQuery(Membership.INSERT_IF_ABSENT)
                .setParameter(1, conversationId).setParameter(2, user.userId()).setParameter(3, Membership.MEMBER)
                .setParameter(4, Timestamps.now())
                .executeUpdate();
        if (added == 1) {
            // the last use may have gone to someone else meanwhile: then this join is refused and rolled back
            if (em.createNamedQuery(ChatGroup.USE_INVITE).setParameter(1, group.id()).setParameter(2, inviteCode)
                    .executeUpdate() == 0) {
                throw refused(user);
            }
            Set<String> audience = participants.userIds(conversationId);
            if (audience.size() == 1) {
                // everyone had left: a group always has an owner, and the one who brings it back to life is it
                em.find(Membership.class, new Membership.Key(conversationId, user.userId())).becomeOwner();
            }
            broadcasts.fire(Broadcast.toUsers(MEMBER_JOINED,
                    new MemberJoined(conversationId, group.id(), new Member(user.userId(), user.displayName())),
                    audience, user.connectionId()));
        }
        ConversationView conversation = conversations.view(conversationId, user.userId());
        return new JoinedGroup(conversation.group(), conversation);
    }

    private ChatException refused(Caller user) {
        quota.joinFailed(user.userId());
        return ChatException.notFound("no group has this invite code");
    }

    /** {@code leave_group}: the same as leaving the group's conversation ({@code exit_conversation}). */
    public void leave(Caller user, long groupId) {
        ChatGroup group = access.group(groupId);
        access.seat(group, user.userId());
        conversations.exit(user, group.conversationId());
    }

    /** The ack of {@code join_group}. */
    public record JoinedGroup(GroupView group, ConversationView conversation) {
    }

    /** The payload of {@code member_joined}. */
    public record MemberJoined(long conversationId, long groupId, Member user) {
    }

    /** Who joined. */
    public record Member(String userId, String displayName) {
    }
}
