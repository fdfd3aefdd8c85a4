package dev.enterprisechat.users.boundary;

import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code load_blocked_users {}} → {@code {users: [{userId, displayName, blockedAt}]}}, oldest block first. */
@ApplicationScoped
public class LoadBlockedUsersHandler implements Handler {

    @Inject
    Blocks blocks;

    @Override
    public String type() {
        return "load_blocked_users";
    }

    @Override
    public Object handle(Request request) {
        return Map.of("users", blocks.blockedBy(request.userId()));
    }
}
