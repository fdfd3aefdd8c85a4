package dev.enterprisechat.groups.control;

import dev.enterprisechat.conversations.boundary.Conversations;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.groups.entity.ChatGroup;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Who may do what to a group: the checks every group request makes, in the documented order — the group exists
 * ({@code NOT_FOUND}), the caller is in it ({@code FORBIDDEN}), the caller's role allows the change
 * ({@code FORBIDDEN}). A change takes the group's conversation's row lock first, so that roles and memberships do
 * not change under it and it is ordered with the sends.
 */
@ApplicationScoped
public class GroupAccess {

    @PersistenceContext
    EntityManager em;

    @Inject
    Conversations conversations;

    public ChatGroup group(long groupId) {
        ChatGroup group = em.find(ChatGroup.class, groupId);
        if (group == null) {
            throw ChatException.notFound("group " + groupId + " does not exist");
        }
        return group;
    }

    /** The group, locked for a change of its members or settings. */
    public ChatGroup lockedGroup(long groupId) {
        ChatGroup group = group(groupId);
        conversations.lock(group.conversationId());
        return group;
    }

    /** The user's membership of the group; FORBIDDEN when they are not in it. */
    public Membership seat(ChatGroup group, String userId) {
        Membership seat = membership(group, userId);
        if (seat == null) {
            throw ChatException.forbidden("not a member of group " + group.id());
        }
        return seat;
    }

    /** Another user's membership; NOT_FOUND when they are not in it. */
    public Membership member(ChatGroup group, String userId) {
        Membership member = membership(group, userId);
        if (member == null) {
            throw ChatException.notFound("user " + userId + " is not a member of group " + group.id());
        }
        return member;
    }

    /** An owner's or an admin's seat; FORBIDDEN {@code only the owner and admins of a group may <what>}. */
    public Membership manager(ChatGroup group, String userId, String what) {
        Membership seat = seat(group, userId);
        if (!seat.manages()) {
            throw ChatException.forbidden("only the owner and admins of a group may " + what);
        }
        return seat;
    }

    public static ChatException conflict(String message) {
        return new ChatException(ErrorCode.CONFLICT, message);
    }

    private Membership membership(ChatGroup group, String userId) {
        return em.find(Membership.class, new Membership.Key(group.conversationId(), userId));
    }
}
