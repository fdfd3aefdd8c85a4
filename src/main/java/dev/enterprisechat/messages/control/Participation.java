package dev.enterprisechat.messages.control;

/**
 * Whether a user may read a conversation's messages: the conversations component owns who takes part in what (it
 * depends on messages, not the other way round) and answers through this.
 */
public interface Participation {

    /**
     * @throws dev.enterprisechat.protocol.ChatException FORBIDDEN when the user is not in the conversation or it
     *                                                    does not exist
     */
    void require(long conversationId, String userId);
}
