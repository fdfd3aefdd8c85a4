package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.protocol.Fields;
import jakarta.json.JsonObject;

/** The message a change names: {@code conversationId} and {@code seq}, checked in that order. */
record MessageTarget(long conversationId, long seq) {

    static MessageTarget from(JsonObject payload) {
        long conversationId = Fields.requiredId(payload, "conversationId");
        return new MessageTarget(conversationId, Fields.requiredId(payload, "seq"));
    }
}
