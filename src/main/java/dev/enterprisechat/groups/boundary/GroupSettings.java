package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.conversations.entity.Conversation;
import dev.enterprisechat.conversations.entity.GroupView;
import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.groups.control.GroupAccess;
import dev.enterprisechat.groups.control.GroupAnnouncements;
import dev.enterprisechat.groups.control.InviteCodes;
import dev.enterprisechat.groups.entity.ChatGroup;
import dev.enterprisechat.protocol.Caller;
import dev.enterprisechat.storage.Timestamps;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** What the owner and the admins change about a group itself: its name, description, invite rule and code. */
@Stateless
public class GroupSettings {

    @PersistenceContext
    EntityManager em;

    @Inject
    GroupAccess access;

    @Inject
    GroupAnnouncements announcements;

    /** Applies the fields given; the group's conversation keeps the group's name as its title. */
    public GroupView update(Caller caller, long groupId, GroupChange change) {
        ChatGroup group = access.lockedGroup(groupId);
        Membership seat = access.manager(group, caller.userId(), "change its settings");
        if (change.name() != null) {
            group.rename(change.name());
            em.find(Conversation.class, group.conversationId()).retitle(change.name());
        }
        if (change.describes()) {
            group.describe(change.description());
        }
        if (change.membersCanInvite() != null) {
            group.letMembersInvite(change.membersCanInvite());
        }
        em.flush();
        return announcements.groupUpdated(group, seat.role(), caller.connectionId());
    }

    /** A new invite code; the old one opens nothing from now on. */
    public GroupView rotateInvite(Caller caller, long groupId, Long expiresInSeconds, Integer maxUses) {
        ChatGroup group = access.lockedGroup(groupId);
        Membership seat = access.manager(group, caller.userId(), "rotate its invite code");
        group.rotateInvite(InviteCodes.next(),
                expiresInSeconds == null ? null : Timestamps.now().plusSeconds(expiresInSeconds), maxUses);
        em.flush();
        return announcements.groupUpdated(group, seat.role(), caller.connectionId());
    }

    /**
     * The fields of an {@code update_group}: null means unchanged, except for the description, which can be
     * cleared ({@code describes} true with a null description).
     */
    public record GroupChange(String name, boolean describes, String description, Boolean membersCanInvite) {
    }
}
