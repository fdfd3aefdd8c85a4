package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.conversations.boundary.Conversations;
import dev.enterprisechat.conversations.control.ConversationViews;
import dev.enterprisechat.conversations.control.MemberUpdates;
import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.conversations.control.ConversationStarts;
import dev.enterprisechat.groups.control.GroupAccess;
import dev.enterprisechat.groups.entity.ChatGroup;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the owner and the admins do to a group's members: add them, remove them, and (the owner only) change their
 * roles. Removal is the same path as leaving ({@link Conversations#remove}).
 */
@Stateless
public class GroupMembers {

    @PersistenceContext
    EntityManager em;

    @Inject
    GroupAccess access;

    @Inject
    Conversations conversations;

    @Inject
    Participants participants;

    @Inject
    MemberUpdates memberUpdates;

    @Inject
    ConversationViews views;

    @Inject
    Users users;

    @Inject
    Blocks blocks;

    @Inject
    Event<Broadcast> broadcasts;

    /** Admins remove plain members only; the owner removes anyone but themself. */
    public void remove(Caller caller, long groupId, String userId) {
        ChatGroup group = access.lockedGroup(groupId);
        Membership seat = access.seat(group, caller.userId());
        if (userId.equals(caller.userId())) {
            throw GroupAccess.conflict("you cannot remove yourself: use leave_group");
        }
        access.manager(group, caller.userId(), "remove members");
        Membership removed = access.member(group, userId);
        if (!seat.isOwner() && removed.manages()) {
            throw ChatException.forbidden("admins may remove only members, not admins or the owner");
        }
        conversations.remove(caller, removed);
    }

    /**
     * Puts users into the group as members: {@code member_joined} for each to those who were in it, and
     * {@code conversation_created} to the new members. Users unknown or who blocked the caller are refused alike
     * (as by {@code create_conversation}).
     */
    public ConversationView add(Caller caller, long groupId, Set<String> userIds) {
        ChatGroup group = access.lockedGroup(groupId);
        access.manager(group, caller.userId(), "add members");
        Set<String> refused = new TreeSet<>(users.unknown(userIds));
        refused.addAll(blocks.blockersOf(caller.userId(), userIds));
        if (!refused.isEmpty()) {
            throw ChatException.notFound("user " + refused.iterator().next()
                    + " is unknown or does not accept conversations with you");
        }
        long conversationId = group.conversationId();
        Set<String> before = participants.userIds(conversationId);
        TreeSet<String> present = new TreeSet<>(userIds);
        present.retainAll(before);
        if (!present.isEmpty()) {
            throw GroupAccess.conflict("user " + present.first() + " is already a member of group " + groupId);
        }
        List<String> added = seat(conversationId, userIds);
        if (!added.isEmpty()) {
            announce(caller, group, before, added);
        }
        return conversations.view(conversationId, caller.userId());
    }

    private List<String> seat(long conversationId, Set<String> userIds) {
        Instant now = Timestamps.now();
        List<String> added = new ArrayList<>();
        for (String user : new TreeSet<>(userIds)) {
            // a join_group of the same user at the same moment (it takes no lock) makes this insert do nothing
            if (em.createNamedQuery(Membership.INSERT_IF_ABSENT).setParameter(1, conversationId)
                    .setParameter(2, user).setParameter(3, Membership.MEMBER).setParameter(4, now)
                    .executeUpdate() == 1) {
                added.add(user);
            }
        }
        return added;
    }

    private void announce(Caller caller, ChatGroup group, Set<String> before, List<String> added) {
        long conversationId = group.conversationId();
        // as a new member sees it (they all have the same role), with only the adder's presence, as any
        // conversation_created
        ConversationView seen = conversations.view(conversationId, added.get(0));
        for (ParticipantView person : seen.participants()) {
            if (added.contains(person.userId())) {
                broadcasts.fire(Broadcast.toUsers(Groups.MEMBER_JOINED, new Groups.MemberJoined(conversationId,
                                group.id(), new Groups.Member(person.userId(), person.displayName())), before,
                        caller.connectionId()));
            }
        }
        broadcasts.fire(Broadcast.toUsers(ConversationStarts.CONVERSATION_CREATED,
                Map.of("conversation", seen.withPresenceOnlyOf(caller.userId())), Set.copyOf(added), null));
    }

    /**
     * The owner makes a member an admin or a member again, or hands the group over ({@code owner}): the old owner
     * becomes an admin. Returns the participant with its role; an unchanged role announces nothing.
     */
    public ParticipantView setRole(Caller caller, long groupId, String userId, String role) {
        ChatGroup group = access.lockedGroup(groupId);
        Membership seat = access.seat(group, caller.userId());
        if (!seat.isOwner()) {
            throw ChatException.forbidden("only the owner of a group may change roles");
        }
        if (userId.equals(caller.userId())) {
            throw GroupAccess.conflict("the owner cannot change their own role: make another member the owner");
        }
        Membership target = access.member(group, userId);
        long conversationId = group.conversationId();
        if (target.role().equals(role)) {
            return views.participant(caller.userId(), conversationId, userId);
        }
        if (Membership.OWNER.equals(role)) {
            target.becomeOwner();
            seat.takeRole(Membership.ADMIN);
        } else {
            target.takeRole(role);
        }
        em.flush();
        memberUpdates.announce(conversationId, groupId, userId, caller.connectionId());
        if (Membership.OWNER.equals(role)) {
            memberUpdates.announce(conversationId, groupId, caller.userId(), caller.connectionId());
        }
        return views.participant(caller.userId(), conversationId, userId);
    }
}
