package dev.enterprisechat.conversations.control;

import dev.enterprisechat.conversations.entity.ConversationView;

import java.util.List;

/**
 * The ack of {@code load_conversations}.
 *
 * @param conversations newest activity first
 * @param hasMore       whether more follow: ask again with {@code before: nextCursor}
 * @param nextCursor    where the next page starts, or null when there is none
 */
public record ConversationPage(List<ConversationView> conversations, boolean hasMore, String nextCursor) {

    /** Every conversation at once (no {@code limit}). */
    public static ConversationPage all(List<ConversationView> conversations) {
        return new ConversationPage(conversations, false, null);
    }
}
