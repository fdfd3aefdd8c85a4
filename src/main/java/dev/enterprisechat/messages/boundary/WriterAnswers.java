package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What a request waiting for the writer is answered: the writer's result, its refusal, or UNAVAILABLE in time. */
final class WriterAnswers {

    private WriterAnswers() {
    }

    /** The command's result, or UNAVAILABLE with {@code lateMessage} once {@code timeout} passed. */
    static CompletionStage<MessageView> of(CompletableFuture<MessageView> result, Duration timeout,
                                           String lateMessage) {
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((stored, fault) -> {
                    if (fault == null) {
                        return stored;
                    }
                    Throwable cause = fault instanceof CompletionException wrapped && wrapped.getCause() != null
                            ? wrapped.getCause() : fault;
                    if (cause instanceof TimeoutException) {
                        throw new ChatException(ErrorCode.UNAVAILABLE, lateMessage);
                    }
                    throw cause instanceof RuntimeException unchecked ? unchecked : new CompletionException(cause);
                });
    }
}
