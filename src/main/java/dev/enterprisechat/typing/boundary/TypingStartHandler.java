package dev.enterprisechat.typing.boundary;

import dev.enterprisechat.conversations.control.Participants;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** {@code typing_start {conversationId}}. */
@ApplicationScoped
public class TypingStartHandler extends TypingHandler {

    @Inject
    Participants participants;

    @Override
    Participants participants() {
        return participants;
    }

    @Override
    public String type() {
        return "typing_start";
    }
}
