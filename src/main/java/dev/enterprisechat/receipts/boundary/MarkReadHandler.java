package dev.enterprisechat.receipts.boundary;

import dev.enterprisechat.protocol.Fields;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code mark_read {conversationId, seq}} → {@code {conversationId, lastReadSeq, unreadCount}}. */
@ApplicationScoped
public class MarkReadHandler implements Handler {

    @Inject
    Receipts receipts;

    @Override
    public String type() {
        return "mark_read";
    }

    @Override
    public Object handle(Request request) {
        long conversationId = Fields.requiredId(request.payload(), "conversationId");
        long seq = Fields.requiredLong(request.payload(), "seq");
        return receipts.markRead(request.caller(), conversationId, seq);
    }
}
