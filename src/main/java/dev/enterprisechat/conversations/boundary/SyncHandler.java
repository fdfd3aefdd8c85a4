package dev.enterprisechat.conversations.boundary;

import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code sync {conversations?: [{conversationId, afterSeq?, afterRev?}], limit?}} → {@code {conversations}}: catch-up
 * after a reconnect. Clients subscribe first (sign in, re-join rooms), then sync, and merge by seq (the higher rev
 * wins).
 */
@ApplicationScoped
public class SyncHandler implements Handler {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 200;
    static final int MAX_CURSORS = 10_000;

    @Inject
    Sync sync;

    @Inject
    Event<SyncAnswered> answered;

    @Override
    public String type() {
        return "sync";
    }

    @Override
    public Object handle(Request request) {
        SyncRequest wanted = SyncRequest.from(request.payload());
        Object answer = sync.sync(request.userId(), wanted.cursors(), wanted.limit());
        answered.fire(new SyncAnswered());
        return answer;
    }

    record SyncRequest(Map<Long, Sync.Cursor> cursors, int limit) {

        static SyncRequest from(JsonObject payload) {
            var items = Fields.optionalObjects(payload, "conversations");
            if (items.size() > MAX_CURSORS) {
                throw ChatException.badRequest("conversations must hold at most " + MAX_CURSORS + " cursors");
            }
            Map<Long, Sync.Cursor> cursors = new HashMap<>();
            for (JsonObject item : items) {
                long conversationId = Fields.requiredId(item, "conversationId");
                Long after = Fields.optionalLong(item, "afterSeq");
                Long afterRev = Fields.optionalLong(item, "afterRev");
                cursors.put(conversationId, new Sync.Cursor(after == null ? 0L : after, afterRev));
            }
            return new SyncRequest(cursors, Fields.limit(payload, DEFAULT_LIMIT, MAX_LIMIT));
        }
    }
}
