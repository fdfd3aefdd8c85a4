package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Rooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code leave_conversation {conversationId}} → {@code {}}: unsubscribes the connection from the room; membership
 * is unchanged and {@code new_message} still arrives. Leaving a room not joined is not an error.
 */
@ApplicationScoped
public class LeaveConversationHandler implements Handler {

    @Inject
    Rooms rooms;


    @Override
    public String type() {
        return "leave_conversation";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        rooms.leave(request.caller().connectionId(), conversationId);
        return null;
    }
}
