package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

/**
 * {@code search_messages {query, conversationId?, limit?, before?}} → {@code {results, hasMore, nextCursor}}: the
 * caller's messages that hold the query's words, newest first.
 */
@ApplicationScoped
public class SearchMessagesHandler implements Handler {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int MAX_QUERY = 200;

    @Inject
    MessageSearch search;

    @Override
    public String type() {
        return "search_messages";
    }

    @Override
    public Object handle(Request request) {
        Wanted wanted = Wanted.from(request.payload());
        return search.search(request.userId(), wanted.query(), wanted.conversationId(), wanted.before(),
                wanted.limit());
    }

    record Wanted(String query, Long conversationId, int limit, Long before) {

        static Wanted from(JsonObject payload) {
            String query = Fields.text(Fields.requiredString(payload, "query"), "query", MAX_QUERY);
            Long conversationId = Fields.optionalId(payload, "conversationId");
            int limit = Fields.limit(payload, DEFAULT_LIMIT, MAX_LIMIT);
            return new Wanted(query, conversationId, limit, cursor(Fields.optionalString(payload, "before")));
        }

        /** A cursor from an earlier answer (the id of its last result, written as digits). */
        private static Long cursor(String before) {
            if (before == null) {
                return null;
            }
            if (!before.matches("[1-9]\\d{0,17}")) {
                throw ChatException.badRequest("before must be a nextCursor from an earlier answer");
            }
            return Long.parseLong(before);
        }
    }
}
