package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/** {@code load_conversations {}} → {@code {conversations}}, newest activity first. */
@ApplicationScoped
public class LoadConversationsHandler implements Handler {

    @Inject
    Conversations conversations;

    @Override
    public String type() {
        return "load_conversations";
    }

    @Override
    public Object handle(Request request) {
        return Map.of("conversations", conversations.of(request.userId()));
    }
}
