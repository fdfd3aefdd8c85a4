package dev.enterprisechat.users.boundary;

import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code unblock_user {userId}} → {@code {}}: idempotent. */
@ApplicationScoped
public class UnblockUserHandler implements Handler {

    @Inject
    Blocks blocks;

    @Override
    public String type() {
        return "unblock_user";
    }

    @Override
    public Object handle(Request request) {
        blocks.unblock(request.userId(), UserIds.required(request.payload(), "userId"));
        return null;
    }
}
