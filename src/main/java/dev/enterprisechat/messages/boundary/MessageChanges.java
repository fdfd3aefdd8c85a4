package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.Change;
import dev.enterprisechat.messages.control.MessageWriter;
import dev.enterprisechat.messages.entity.MessageView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Changes to stored messages (edits, deletions, reactions) through the writers, like sends: each is a
 * {@link Change} committed in its conversation's order, answered once committed and announced; waits for nothing.
 */
@ApplicationScoped
public class MessageChanges {

    @Inject
    MessageWriter writer;

    @Inject
    WriterAnswers answers;

    /** The ack {@code {message}}: the message as the change left it (as it is, when the change changed nothing). */
    public CompletionStage<Map<String, MessageView>> submit(Change change) {
        return answers.of(writer.submit(change),
                        "the change was not stored in time; send it again (changes are safe to repeat)")
                .thenApply(message -> Map.of("message", message));
    }
}
