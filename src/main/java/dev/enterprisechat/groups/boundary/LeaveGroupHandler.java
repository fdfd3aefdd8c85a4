package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code leave_group {groupId}} → {@code {}}: {@code exit_conversation} of the group's conversation, by group id. */
@ApplicationScoped
public class LeaveGroupHandler implements Handler {

    @Inject
    Groups groups;

    @Override
    public String type() {
        return "leave_group";
    }

    @Override
    public Object handle(Request request) {
        groups.leave(request.caller(), Fields.requiredId(request.payload(), "groupId"));
        return null;
    }
}
