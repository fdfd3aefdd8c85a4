package dev.enterprisechat.messages.boundary;

import dev.enterprisechat.messages.control.Deadlines;
import dev.enterprisechat.messages.entity.MessageView;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.ErrorCode;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What a request waiting for the writer is answered: the writer's result, its refusal, or UNAVAILABLE once
 * {@code chat.writer.timeout} passed. The deadlines are swept a twentieth of the timeout apart (10 ms to 500 ms), so
 * a late request is answered at most that much after its timeout ({@link Deadlines}).
 */
@ApplicationScoped
public class WriterAnswers {

    private static final Logger LOG = System.getLogger(WriterAnswers.class.getName());

    @Inject
    @ConfigProperty(name = "chat.writer.timeout", defaultValue = "10s")
    Duration timeout;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Deadlines deadlines;
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        deadlines = new Deadlines(timeout, System::nanoTime);
        long period = Math.max(10, Math.min(500, timeout.toMillis() / 20));
        sweeping = scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    /** One sweep; a fault is logged, never thrown: a periodic task that throws is never run again. */
    private void sweep() {
        try {
            deadlines.sweep();
        } catch (RuntimeException fault) {
            LOG.log(Level.ERROR, "The sweep of the writer's deadlines failed; it runs again at its next period", fault);
        }
    }

    @PreDestroy
    void stop() {
        sweeping.cancel(false);
    }

    /** The command's result, or UNAVAILABLE with {@code lateMessage} once the timeout passed. */
    CompletionStage<MessageView> of(CompletableFuture<MessageView> result, String lateMessage) {
        return deadlines.track(result).handle((stored, fault) -> {
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
