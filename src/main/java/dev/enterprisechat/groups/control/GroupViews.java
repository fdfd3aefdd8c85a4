package dev.enterprisechat.groups.control;

import dev.enterprisechat.conversations.entity.GroupView;
import dev.enterprisechat.groups.entity.ChatGroup;

/** A group as its owners and admins see it (see {@link GroupView#seenAs} for the others). */
public final class GroupViews {

    private GroupViews() {
    }

    public static GroupView of(ChatGroup group, long memberCount) {
        return new GroupView(group.id(), group.name(), group.description(), group.inviteCode(),
                group.inviteExpiresAt(), group.inviteMaxUses(), group.inviteUses(), group.membersCanInvite(),
                group.conversationId(), group.createdBy(), group.createdAt(), memberCount);
    }
}
