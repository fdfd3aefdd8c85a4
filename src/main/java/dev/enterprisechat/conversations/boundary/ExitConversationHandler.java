package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code exit_conversation {conversationId}} → {@code {}}: the user stops taking part in a group or ad-hoc
 * conversation (anyone put into one can get out of it). Unlike {@code leave_conversation}, which only ends a
 * connection's live room, this ends the membership.
 */
@ApplicationScoped
public class ExitConversationHandler implements Handler {

    @Inject
    Conversations conversations;


    @Override
    public String type() {
        return "exit_conversation";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        conversations.exit(request.caller(), conversationId);
        return null;
    }
}
