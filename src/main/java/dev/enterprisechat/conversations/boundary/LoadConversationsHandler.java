package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.conversations.control.ConversationCursor;
import dev.enterprisechat.conversations.control.ConversationPage;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * {@code load_conversations {limit?, before?}} → {@code {conversations, hasMore, nextCursor}}, newest activity
 * first. Without {@code limit}, every conversation at once (as before paging existed).
 */
@ApplicationScoped
public class LoadConversationsHandler implements Handler {

    static final int MAX_LIMIT = 500;
    static final int MAX_CURSOR = 200;

    @Inject
    Conversations conversations;

    @Override
    public String type() {
        return "load_conversations";
    }

    @Override
    public Object handle(Request request) {
        Integer limit = Fields.optionalLong(request.payload(), "limit") == null ? null
                : Fields.limit(request.payload(), MAX_LIMIT, MAX_LIMIT);
        String before = Fields.optionalString(request.payload(), "before");
        ConversationCursor after = null;
        if (before != null) {
            if (before.length() > MAX_CURSOR) {
                throw ChatException.badRequest("before must be a nextCursor from load_conversations");
            }
            after = ConversationCursor.decode(before);
        }
        if (limit == null && after == null) {
            return ConversationPage.all(conversations.of(request.userId()));
        }
        return conversations.page(request.userId(), limit == null ? Integer.MAX_VALUE - 1 : limit, after);
    }
}
