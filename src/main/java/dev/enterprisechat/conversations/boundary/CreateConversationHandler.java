package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code create_conversation {participantIds, title?}} → {@code {conversation}}. */
@ApplicationScoped
public class CreateConversationHandler implements Handler {

    static final int MAX_PARTICIPANTS = 100;
    static final int MAX_TITLE = 200;

    @Inject
    Conversations conversations;

    @Override
    public String type() {
        return "create_conversation";
    }

    @Override
    public Object handle(Request request) {
        NewConversation wanted = NewConversation.from(request.payload(), request.userId());
        return Map.of("conversation", conversations.create(request.caller(), wanted.others(), wanted.title()));
    }

    record NewConversation(Set<String> others, String title) {

        static NewConversation from(JsonObject payload, String creator) {
            List<String> ids = Fields.requiredStrings(payload, "participantIds");
            if (ids.size() > MAX_PARTICIPANTS) {
                throw ChatException.badRequest("participantIds must name at most " + MAX_PARTICIPANTS + " users");
            }
            Set<String> others = new LinkedHashSet<>();
            for (String id : ids) {
                if (id.isBlank() || id.length() > 255) {
                    throw ChatException.badRequest("participantIds must be user ids of 1 to 255 characters");
                }
                if (!id.equals(creator)) {
                    others.add(id);
                }
            }
            if (others.isEmpty()) {
                throw ChatException.badRequest("participantIds must name at least one other user");
            }
            String title = Fields.text(Fields.optionalString(payload, "title"), "title", MAX_TITLE);
            return new NewConversation(others, title);
        }
    }
}
