package dev.enterprisechat.typing.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.typing.control.Typists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code typing_stop {conversationId}} → {@code {}}. */
@ApplicationScoped
public class TypingStopHandler implements Handler {

    @Inject
    Participants participants;

    @Inject
    Typists typists;

    @Override
    public String type() {
        return "typing_stop";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        participants.require(conversationId, request.userId());
        typists.stop(conversationId, request.userId());
        return null;
    }
}
