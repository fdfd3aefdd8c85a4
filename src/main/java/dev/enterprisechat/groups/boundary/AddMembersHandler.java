package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.users.boundary.UserIds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code add_members {groupId, userIds}} → {@code {conversation}}: the owner and admins put users into a group. */
@ApplicationScoped
public class AddMembersHandler implements Handler {

    static final int MAX_USERS = 100;

    @Inject
    GroupMembers members;

    @Override
    public String type() {
        return "add_members";
    }

    @Override
    public Object handle(Request request) {
        long groupId = Fields.requiredId(request.payload(), "groupId");
        List<String> ids = Fields.requiredStrings(request.payload(), "userIds");
        if (ids.isEmpty() || ids.size() > MAX_USERS) {
            throw ChatException.badRequest("userIds must name 1 to " + MAX_USERS + " users");
        }
        Set<String> userIds = new LinkedHashSet<>();
        for (String id : ids) {
            if (!UserIds.valid(id)) {
                throw ChatException.badRequest("userIds must be user ids of 1 to " + UserIds.MAX_LENGTH
                        + " characters");
            }
            userIds.add(id);
        }
        return Map.of("conversation", members.add(request.caller(), groupId, userIds));
    }
}
