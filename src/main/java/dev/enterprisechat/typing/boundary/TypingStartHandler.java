package dev.enterprisechat.typing.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.typing.control.Typists;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code typing_start {conversationId}} → {@code {}}; clients repeat it every few seconds while typing. */
@ApplicationScoped
public class TypingStartHandler implements Handler {

    @Inject
    Participants participants;

    @Inject
    Typists typists;

    @Override
    public String type() {
        return "typing_start";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        participants.require(conversationId, request.userId());
        typists.start(request.caller(), conversationId);
        return null;
    }
}
