package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.EditCommand;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code edit_message {conversationId, seq, content}} → {@code {message}}; {@code message_updated} to the others. */
@ApplicationScoped
public class EditMessageHandler implements Handler {

    @Inject
    MessageChanges changes;

    @Inject
    @ConfigProperty(name = "chat.limits.message-max-chars", defaultValue = "4000")
    int maxChars;

    @Override
    public String type() {
        return "edit_message";
    }

    /** Changes pipeline like sends: a connection's changes in a row share a commit, in order. */
    @Override
    public boolean pipelined() {
        return true;
    }

    @Override
    public Object handle(Request request) {
        MessageTarget target = MessageTarget.from(request.payload());
        String content = SendMessageHandler.content(request.payload(), maxChars);
        return changes.submit(EditCommand.of(request.userId(), request.caller().connectionId(),
                target.conversationId(), target.seq(), content));
    }
}
