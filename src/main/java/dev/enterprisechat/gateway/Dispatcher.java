package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.protocol.Faults;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.RateLimit;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.rooms.Frame;
import dev.enterprisechat.scheduling.Workers;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Routes each request to the handler of its type and answers it exactly once: an {@code ack} with the handler's
 * result, or an {@code error}. The only place where exceptions become error frames.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = System.getLogger(Dispatcher.class.getName());

    @Inject
    @Any
    Instance<Handler> handlers;

    @Inject
    Workers workers;

    @Inject
    @ConfigProperty(name = EnvelopeEncoder.ANSWER_MAX_BYTES, defaultValue = "1048576")
    long answerMaxBytes = 1_048_576;

    private Map<String, Handler> byType;

    /** Builds the map at deployment, so a duplicate type fails the deployment rather than the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.log(Level.INFO, "Serving {0} request types: {1}", byType.size(), byType.keySet());
    }

    @PostConstruct
    void index() {
        byType = index(handlers);
    }

    static Map<String, Handler> index(Iterable<Handler> handlers) {
        Map<String, Handler> map = new HashMap<>();
        for (Handler handler : handlers) {
            Handler previous = map.putIfAbsent(handler.type(), handler);
            if (previous != null) {
                throw new IllegalStateException("Two handlers for request type " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        return Map.copyOf(map);
    }

    /** The connection's pipeline: its requests in order, each answered once, in order (see {@link Pipeline}). */
    Pipeline pipeline(Connection connection) {
        return new Pipeline(connection, this, workers);
    }

    public void dispatch(Pipeline pipeline, Envelope envelope) {
        Handler handler = byType.get(envelope.type());
        pipeline.submit(new Pipeline.Item(handler != null && handler.pipelined(),
                () -> start(pipeline.connection(), envelope)));
    }

    /**
     * Answers a frame that could not be decoded. It costs a request of the budget like any other: an oversize one
     * ends the connection (1009), the others are answered with their error, or with RATE_LIMITED.
     */
    public void refuse(Pipeline pipeline, BadFrame frame) {
        Connection connection = pipeline.connection();
        if (frame.endsConnection()) {
            connection.close(CloseCodes.TOO_BIG, frame.getMessage());
            return;
        }
        pipeline.submit(new Pipeline.Item(false, () -> CompletableFuture.completedFuture(withinBudget(connection)
                ? Envelope.error(frame.requestId(), frame.code(), frame.getMessage())
                : rateLimited(frame.requestId()))));
    }

    public void refuseBinary(Pipeline pipeline) {
        refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, null,
                "binary frames are not supported: send JSON text frames"));
    }

    /**
     * Sends an answer, or, when it could not be written or would be larger than {@code chat.limits.answer-max-bytes}
     * (requests that page by size stay under it), an error in its place: every request is answered exactly once.
     */
    void send(Connection connection, Envelope answer) {
        String frame;
        try {
            frame = EnvelopeEncoder.frame(answer);
        } catch (RuntimeException unwritable) {
            String reference = UUID.randomUUID().toString();
            LOG.log(Level.ERROR, "The answer to request " + answer.requestId() + " could not be written; reference "
                    + reference, unwritable);
            frame = EnvelopeEncoder.frame(Envelope.error(answer.requestId(), ErrorCode.INTERNAL,
                    "internal error, reference " + reference));
        }
        Frame encoded = Frame.text(frame);
        if (encoded.bytes() > answerMaxBytes) {
            encoded = Frame.text(EnvelopeEncoder.frame(Envelope.error(answer.requestId(), ErrorCode.PAYLOAD_TOO_LARGE,
                    "the answer would be larger than " + answerMaxBytes + " bytes: ask for less")));
        }
        connection.send(encoded, false);
    }

    /**
     * Takes one request from the connection's budget. A client that goes on sending while refused (see
     * {@link RateLimit#ignoredRefusals}) ignores RATE_LIMITED: it is closed with 4429.
     */
    private boolean withinBudget(Connection connection) {
        RateLimit budget = connection.rateLimit();
        if (budget.tryAcquire()) {
            return true;
        }
        if (budget.ignoredRefusals()) {
            connection.close(CloseCodes.TOO_MANY_REQUESTS, "too many requests: the client ignored RATE_LIMITED");
        }
        return false;
    }

    private static Envelope rateLimited(String requestId) {
        return Envelope.error(requestId, ErrorCode.RATE_LIMITED, "too many requests, slow down");
    }

    /** The answer to a request, waited for (tests; the connection's pipeline does not wait). */
    Envelope answer(Connection connection, Envelope envelope) {
        return start(connection, envelope).toCompletableFuture().join();
    }

    /**
     * Runs the request's handler, and maps its outcome to the answer: an {@code ack} with its result, or an
     * {@code error}. A pipelined handler's result is a stage; its answer comes when the stage completes.
     */
    CompletionStage<Envelope> start(Connection connection, Envelope envelope) {
        String requestId = envelope.requestId();
        if (!withinBudget(connection)) {
            return CompletableFuture.completedFuture(rateLimited(requestId));
        }
        try {
            Object result = handle(connection, envelope);
            if (result instanceof CompletionStage<?> later) {
                return later.handle((value, fault) -> fault == null ? acknowledge(requestId, value)
                        : failure(envelope, fault instanceof CompletionException wrapped && wrapped.getCause() != null
                                ? wrapped.getCause() : fault));
            }
            return CompletableFuture.completedFuture(acknowledge(requestId, result));
        } catch (RuntimeException fault) {
            return CompletableFuture.completedFuture(failure(envelope, fault));
        }
    }

    private static Envelope acknowledge(String requestId, Object result) {
        return Envelope.ack(requestId, result == null ? JsonValue.EMPTY_JSON_OBJECT : result);
    }

    /** The error answer for a failed request; a fault that is not the client's is logged with a reference. */
    private static Envelope failure(Envelope envelope, Throwable fault) {
        String requestId = envelope.requestId();
        ChatException refused = businessCause(fault);
        if (refused != null) {
            return Envelope.error(requestId, refused.code(), refused.getMessage());
        }
        if (Faults.databaseUnavailable(fault)) {
            LOG.log(Level.WARNING, "Request {0} failed: the database is unavailable", envelope.type());
            return Envelope.error(requestId, ErrorCode.UNAVAILABLE, "the database is unavailable, retry shortly");
        }
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "Request " + envelope.type() + " failed; reference " + reference, fault);
        return Envelope.error(requestId, ErrorCode.INTERNAL, "internal error, reference " + reference);
    }

    private Object handle(Connection connection, Envelope envelope) {
        Handler handler = byType.get(envelope.type());
        boolean signedIn = connection.userId() != null;
        if (!signedIn && (handler == null || handler.requiresIdentity())) {
            throw ChatException.unauthorized("sign in first: send auth with a token");
        }
        if (handler == null) {
            throw new ChatException(ErrorCode.UNKNOWN_TYPE, "unknown type: " + abbreviate(envelope.type()));
        }
        return handler.handle(new Request(connection, envelope.payloadObject(), envelope.requestId()));
    }

    /** A business exception wrapped by a container on its way out (an EJB or interceptor wrapper). */
    private static ChatException businessCause(Throwable fault) {
        for (Throwable t = fault; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ChatException chat) {
                return chat;
            }
        }
        return null;
    }

    private static String abbreviate(String type) {
        return type.length() <= 64 ? type : type.substring(0, 64) + "…";
    }
}
