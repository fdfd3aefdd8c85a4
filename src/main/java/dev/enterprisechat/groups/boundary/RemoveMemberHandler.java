package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.users.boundary.UserIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code remove_member {groupId, userId}} → {@code {}}: the owner removes anyone, admins remove plain members. */
@ApplicationScoped
public class RemoveMemberHandler implements Handler {

    @Inject
    GroupMembers members;

    @Override
    public String type() {
        return "remove_member";
    }

    @Override
    public Object handle(Request request) {
        long groupId = Fields.requiredId(request.payload(), "groupId");
        String userId = UserIds.required(request.payload(), "userId");
        members.remove(request.caller(), groupId, userId);
        return null;
    }
}
