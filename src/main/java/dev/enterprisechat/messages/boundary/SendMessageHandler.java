package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.MessageSent;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;

/** {@code send_message {conversationId, content, clientMessageId?, replyToSeq?}} → {@code {message}}. */
@ApplicationScoped
public class SendMessageHandler implements Handler {

    static final int MAX_CLIENT_MESSAGE_ID = 64;

    @Inject
    Messages messages;

    @Inject
    Event<MessageSent> sent;

    @Inject
    @ConfigProperty(name = "chat.limits.message-max-chars", defaultValue = "4000")
    int maxChars;

    @Override
    public String type() {
        return "send_message";
    }

    /** Sends of a connection pipeline: the next starts before the last is committed, so they share a commit. */
    @Override
    public boolean pipelined() {
        return true;
    }

    @Override
    public Object handle(Request request) {
        Outgoing message = Outgoing.from(request.payload(), maxChars);
        String sender = request.userId();
        return messages.send(request.caller(), message.conversationId(), message.content(), message.clientMessageId(),
                        message.replyToSeq())
                .thenApply(stored -> {
                    sent.fire(new MessageSent(message.conversationId(), sender));
                    return Map.of("message", stored);
                });
    }

    /** A message's {@code content}: required, not blank, at most {@code maxChars} (sends and edits alike). */
    static String content(JsonObject payload, int maxChars) {
        String content = Fields.requiredString(payload, "content");
        if (content.isBlank()) {
            throw ChatException.badRequest("content must not be blank");
        }
        if (Fields.length(content) > maxChars) {
            throw ChatException.tooLarge("content must be at most " + maxChars + " characters");
        }
        return content;
    }

    record Outgoing(long conversationId, String content, String clientMessageId, Long replyToSeq) {

        static Outgoing from(JsonObject payload, int maxChars) {
            long conversationId = Fields.requiredId(payload, "conversationId");
            String content = SendMessageHandler.content(payload, maxChars);
            String clientMessageId = Fields.optionalString(payload, "clientMessageId");
            if (clientMessageId != null && (clientMessageId.isEmpty()
                    || clientMessageId.length() > MAX_CLIENT_MESSAGE_ID)) {
                throw ChatException.badRequest("clientMessageId must be 1 to 64 characters");
            }
            return new Outgoing(conversationId, content, clientMessageId, Fields.optionalId(payload, "replyToSeq"));
        }
    }
}
