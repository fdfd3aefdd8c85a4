package dev.enterprisechat.groups.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code join_group {inviteCode}} → {@code {group, conversation}}; idempotent. */
@ApplicationScoped
public class JoinGroupHandler implements Handler {

    @Inject
    Groups groups;

    @Override
    public String type() {
        return "join_group";
    }

    @Override
    public Object handle(Request request) {
        String code = Fields.requiredString(request.payload(), "inviteCode").strip();
        return groups.join(request.caller(), code);
    }
}
