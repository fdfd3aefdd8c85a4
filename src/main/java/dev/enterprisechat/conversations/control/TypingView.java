package dev.enterprisechat.conversations.control;

import java.util.List;

/**
 * Who is typing in a conversation, for {@code join_conversation}'s answer: the typing component owns it (it depends
 * on conversations, not the other way round) and answers through this.
 */
public interface TypingView {

    List<String> typingIn(long conversationId);
}
