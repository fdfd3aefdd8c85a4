package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.conversations.entity.Membership;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.users.boundary.UserIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Set;

/**
 * {@code set_role {groupId, userId, role}} → {@code {participant}}: the owner makes members admins and back, or
 * hands the group over ({@code owner}).
 */
@ApplicationScoped
public class SetRoleHandler implements Handler {

    static final Set<String> ROLES = Set.of(Membership.OWNER, Membership.ADMIN, Membership.MEMBER);

    @Inject
    GroupMembers members;

    @Override
    public String type() {
        return "set_role";
    }

    @Override
    public Object handle(Request request) {
        long groupId = Fields.requiredId(request.payload(), "groupId");
        String userId = UserIds.required(request.payload(), "userId");
        String role = Fields.requiredString(request.payload(), "role");
        if (!ROLES.contains(role)) {
            throw ChatException.badRequest("role must be one of owner, admin, member");
        }
        return Map.of("participant", members.setRole(request.caller(), groupId, userId, role));
    }
}
