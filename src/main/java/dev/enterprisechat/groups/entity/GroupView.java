package dev.enterprisechat.groups.entity;

import java.time.Instant;

/**
 * A group on the wire.
 *
 * @param id             stable forever
 * @param name           1 to 100 characters
 * @param description    up to 1000 characters, or null
 * @param inviteCode     what others send with {@code join_group}
 * @param conversationId the group's conversation
 * @param createdBy      the owner's user id
 * @param createdAt      when it was created
 * @param memberCount    how many users are in it
 */
public record GroupView(long id, String name, String description, String inviteCode, long conversationId,
                        String createdBy, Instant createdAt, long memberCount) {

    public static GroupView of(ChatGroup group, long memberCount) {
        return new GroupView(group.id(), group.name(), group.description(), group.inviteCode(),
                group.conversationId(), group.createdBy(), group.createdAt(), memberCount);
    }
}
