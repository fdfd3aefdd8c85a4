package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.ConversationViews;
import dev.enterprisechat.conversations.control.TypingView;
import dev.enterprisechat.conversations.entity.ConversationView;
import dev.enterprisechat.conversations.entity.ParticipantView;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Rooms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * {@code join_conversation {conversationId}} → {@code {conversation, typing, online}}: subscribes the connection to
 * the room's live events. It subscribes before it reads, so nothing committed in between is missed.
 */
@ApplicationScoped
public class JoinConversationHandler implements Handler {

    @Inject
    ConversationViews views;

    @Inject
    Rooms rooms;

    @Inject
    TypingView typists;

    @Override
    public String type() {
        return "join_conversation";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        String connectionId = request.caller().connectionId();
        ConversationView conversation = views.forJoin(request.userId(), conversationId,
                () -> rooms.join(connectionId, conversationId));
        List<String> online = conversation.participants().stream().filter(ParticipantView::online)
                .map(ParticipantView::userId).toList();
        return new Joined(conversation, typists.typingIn(conversationId), online);
    }

    /** The ack of {@code join_conversation}. */
    public record Joined(ConversationView conversation, List<String> typing, List<String> online) {
    }
}
