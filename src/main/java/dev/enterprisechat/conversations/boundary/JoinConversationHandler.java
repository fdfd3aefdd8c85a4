package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.Participants;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Rooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * {@code join_conversation {conversationId}} → {@code {conversation}}: subscribes the connection to the room's live
 * events. It subscribes before it reads, so nothing committed in between is missed.
 */
@ApplicationScoped
public class JoinConversationHandler implements Handler {

    @Inject
    Participants participants;

    @Inject
    Conversations conversations;

    @Inject
    Rooms rooms;

    @Override
    public String type() {
        return "join_conversation";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        participants.require(conversationId, request.userId());
        rooms.join(request.connection(), conversationId);
        return Map.of("conversation", conversations.view(conversationId, request.userId()));
    }
}
