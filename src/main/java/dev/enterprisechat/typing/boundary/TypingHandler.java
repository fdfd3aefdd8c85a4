package dev.enterprisechat.typing.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;

/** {@code typing_start} / {@code typing_stop {conversationId}} → {@code {}}, for participants only. */
abstract class TypingHandler implements Handler {

    abstract Participants participants();

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        participants().require(conversationId, request.userId());
        return null;
    }
}
