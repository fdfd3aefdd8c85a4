package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.DeleteCommand;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code delete_message {conversationId, seq}} → {@code {message}} (erased); {@code message_updated} to the others. */
@ApplicationScoped
public class DeleteMessageHandler implements Handler {

    @Inject
    MessageChanges changes;

    @Override
    public String type() {
        return "delete_message";
    }

    @Override
    public boolean pipelined() {
        return true;
    }

    @Override
    public Object handle(Request request) {
        MessageTarget target = MessageTarget.from(request.payload());
        return changes.submit(DeleteCommand.of(request.userId(), request.caller().connectionId(),
                target.conversationId(), target.seq()));
    }
}
