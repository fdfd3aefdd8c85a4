package dev.enterprisechat.conversations.entity;

import java.time.Instant;

/**
 * A group on the wire, as one viewer sees it. It lives with the conversations because a conversation object carries
 * its group; the groups component builds it from its entity.
 *
 * @param id               stable forever
 * @param name             1 to 100 characters
 * @param description      up to 1000 characters, or null
 * @param inviteCode       what others send with {@code join_group}; null for a plain member when members may not
 *                         invite
 * @param inviteExpiresAt  when the code stops opening the group, or null
 * @param inviteMaxUses    how many joins the code opens, or null for no limit
 * @param inviteUses       how many joins the current code opened
 * @param membersCanInvite whether plain members see the code (owners and admins always do)
 * @param conversationId   the group's conversation
 * @param createdBy        the creator's user id (the owner is the participant whose role is {@code owner})
 * @param createdAt        when it was created
 * @param memberCount      how many users are in it
 */
public record GroupView(long id, String name, String description, String inviteCode, Instant inviteExpiresAt,
                        Integer inviteMaxUses, int inviteUses, boolean membersCanInvite, long conversationId,
                        String createdBy, Instant createdAt, long memberCount) {

    /** Whether a viewer of this role sees the invite code. */
    public static boolean showsCodeTo(String role, boolean membersCanInvite) {
        return membersCanInvite || Membership.OWNER.equals(role) || Membership.ADMIN.equals(role);
    }

    /** The same group as a viewer of {@code role} sees it. */
    public GroupView seenAs(String role) {
        return showsCodeTo(role, membersCanInvite) ? this : new GroupView(id, name, description, null,
                inviteExpiresAt, inviteMaxUses, inviteUses, membersCanInvite, conversationId, createdBy, createdAt,
                memberCount);
    }
}
