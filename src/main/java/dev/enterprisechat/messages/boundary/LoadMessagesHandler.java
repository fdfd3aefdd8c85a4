package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/** {@code load_messages {conversationId, beforeSeq?, afterSeq?, limit?}} → {@code {messages, hasMore}}. */
@ApplicationScoped
public class LoadMessagesHandler implements Handler {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    @Inject
    Messages messages;

    @Override
    public String type() {
        return "load_messages";
    }

    @Override
    public Object handle(Request request) {
        PageRequest page = PageRequest.from(request.payload());
        return messages.page(request.userId(), page.conversationId(), page.beforeSeq(), page.afterSeq(),
                page.limit());
    }

    record PageRequest(long conversationId, Long beforeSeq, Long afterSeq, int limit) {

        static PageRequest from(JsonObject payload) {
            long conversationId = Fields.requiredId(payload, "conversationId");
            Long before = Fields.optionalLong(payload, "beforeSeq");
            Long after = Fields.optionalLong(payload, "afterSeq");
            return new PageRequest(conversationId, before, after, Fields.limit(payload, DEFAULT_LIMIT, MAX_LIMIT));
        }
    }
}
