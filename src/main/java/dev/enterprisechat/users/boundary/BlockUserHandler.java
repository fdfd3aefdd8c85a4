package dev.enterprisechat.users.boundary;

import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code block_user {userId}} → {@code {}}: idempotent, and the same answer for any id, known or not. */
@ApplicationScoped
public class BlockUserHandler implements Handler {

    @Inject
    Blocks blocks;

    @Override
    public String type() {
        return "block_user";
    }

    @Override
    public Object handle(Request request) {
        blocks.block(request.userId(), UserIds.required(request.payload(), "userId"));
        return null;
    }
}
