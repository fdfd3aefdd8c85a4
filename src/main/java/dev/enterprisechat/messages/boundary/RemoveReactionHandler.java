package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.RemoveReactionCommand;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code remove_reaction {conversationId, seq, emoji}} → {@code {message}}; {@code message_updated} to the others. */
@ApplicationScoped
public class RemoveReactionHandler implements Handler {

    @Inject
    MessageChanges changes;

    @Override
    public String type() {
        return "remove_reaction";
    }

    @Override
    public boolean pipelined() {
        return true;
    }

    @Override
    public Object handle(Request request) {
        MessageTarget target = MessageTarget.from(request.payload());
        String emoji = Emoji.from(request.payload());
        return changes.submit(RemoveReactionCommand.of(request.userId(), request.caller().connectionId(),
                target.conversationId(), target.seq(), emoji));
    }
}
