package dev.enterprisechat.gateway;

import dev.enterprisechat.protocol.BadFrame;
import dev.enterprisechat.protocol.ChatException;
import dev.enterprisechat.protocol.CloseCodes;
import dev.enterprisechat.protocol.Envelope;
import dev.enterprisechat.protocol.EnvelopeEncoder;
import dev.enterprisechat.protocol.ErrorCode;
import dev.enterprisechat.protocol.Handler;
import dev.enterprisechat.protocol.PingHandler;
import dev.enterprisechat.protocol.RateLimit;
import dev.enterprisechat.protocol.Request;
import dev.enterprisechat.rooms.Connection;
import dev.enterprisechat.security.Identity;
import jakarta.enterprise.inject.Instance;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.websocket.Session;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DispatcherTest {

    /** Refills one token in about 30 years: nothing comes back while a test runs. */
    private static final double ALMOST_NEVER = 1e-9;

    /** A handler serving one type with the given behaviour. */
    private record TestHandler(String type, boolean requiresIdentity, Function<Request, Object> behaviour)
            implements Handler {

        static TestHandler of(String type, Function<Request, Object> behaviour) {
            return new TestHandler(type, true, behaviour);
        }

        static TestHandler anonymous(String type, Function<Request, Object> behaviour) {
            return new TestHandler(type, false, behaviour);
        }

        @Override
        public Object handle(Request request) {
            return behaviour.apply(request);
        }
    }

    /** A pipelined handler: each request's answer is a future the test completes. */
    private record LaterHandler(String type, List<CompletableFuture<Object>> started) implements Handler {

        @Override
        public boolean pipelined() {
            return true;
        }

        @Override
        public Object handle(Request request) {
            CompletableFuture<Object> answer = new CompletableFuture<>();
            started.add(answer);
            return answer;
        }
    }

    private static final class OtherHandler implements Handler {

        @Override
        public String type() {
            return "echo";
        }

        @Override
        public Object handle(Request request) {
            return null;
        }
    }

    /** A connection's pipeline whose held requests resume on the thread that answered (no workers here). */
    private static Pipeline pipeline(Dispatcher dispatcher, Connection connection) {
        return new Pipeline(connection, dispatcher, Runnable::run);
    }

    private static Dispatcher dispatcher(Handler... handlers) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.handlers = instance(List.of(handlers));
        dispatcher.index();
        return dispatcher;
    }

    /** The CDI {@code Instance} the dispatcher is injected with: only iterated. */
    @SuppressWarnings("unchecked")
    private static Instance<Handler> instance(List<Handler> handlers) {
        return (Instance<Handler>) Proxy.newProxyInstance(DispatcherTest.class.getClassLoader(),
                new Class<?>[]{Instance.class}, (proxy, method, args) -> {
                    if (method.getName().equals("iterator")) {
                        return handlers.iterator();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Session session(String id) {
        return (Session) Proxy.newProxyInstance(DispatcherTest.class.getClassLoader(),
                new Class<?>[]{Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "Session[" + id + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Connection anonymousConnection(RateLimit limit) {
        return new Connection(session("c1"), "127.0.0.1", limit, new Connection.Outbound(10, 1_000_000),
                (abandoned, code, drop) -> { });
    }

    private static Connection anonymousConnection() {
        return anonymousConnection(new RateLimit(ALMOST_NEVER, 1000));
    }

    private static Connection signedInConnection(RateLimit limit) {
        Connection connection = anonymousConnection(limit);
        connection.identify(new Identity("u", "U", Instant.now().plusSeconds(60)));
        return connection;
    }

    private static Connection signedInConnection() {
        return signedInConnection(new RateLimit(ALMOST_NEVER, 1000));
    }

    private static Envelope request(String type, JsonObject payload, String requestId) {
        return new Envelope(type, payload, requestId, null);
    }

    private static Envelope request(String type) {
        return request(type, JsonValue.EMPTY_JSON_OBJECT, "r1");
    }

    private static void assertError(Envelope answer, String requestId, ErrorCode code, String message) {
        assertThat(answer.type()).isEqualTo(Envelope.ERROR);
        assertThat(answer.requestId()).isEqualTo(requestId);
        assertThat(answer.payload()).isEqualTo(new Envelope.ErrorPayload(code.name(), message, code.retryable()));
    }

    // index

    @Test
    void indexMapsEachHandlerByItsType() {
        Handler ping = TestHandler.anonymous("ping", r -> null);
        Handler send = TestHandler.of("send_message", r -> null);

        Map<String, Handler> byType = Dispatcher.index(List.of(ping, send));

        assertThat(byType).containsOnly(Map.entry("ping", ping), Map.entry("send_message", send));
    }

    @Test
    void indexOfNoHandlersIsEmpty() {
        assertThat(Dispatcher.index(List.of())).isEmpty();
    }

    @Test
    void indexRefusesTwoHandlersOfOneType() {
        List<Handler> handlers = List.of(TestHandler.of("echo", r -> null), new OtherHandler());

        assertThatThrownBy(() -> Dispatcher.index(handlers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("echo")
                .hasMessageContaining(TestHandler.class.getName())
                .hasMessageContaining(OtherHandler.class.getName());
    }

    @Test
    void indexIsImmutable() {
        Map<String, Handler> byType = Dispatcher.index(List.of(new OtherHandler()));

        assertThatThrownBy(() -> byType.put("x", new OtherHandler()))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    // answer

    @Test
    void acknowledgesWithTheHandlersResult() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> Map.of("said", r.payload().getString("text"))));
        JsonObject payload = jakarta.json.Json.createObjectBuilder().add("text", "hello").build();

        Envelope answer = dispatcher.answer(signedInConnection(), request("echo", payload, "r7"));

        assertThat(answer.type()).isEqualTo(Envelope.ACK);
        assertThat(answer.requestId()).isEqualTo("r7");
        assertThat(answer.payload()).isEqualTo(Map.of("said", "hello"));
        assertThat(answer.timestamp()).isNotNull();
    }

    @Test
    void handsTheHandlerTheConnectionPayloadAndRequestId() {
        AtomicReference<Request> seen = new AtomicReference<>();
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            seen.set(r);
            return null;
        }));
        Connection connection = signedInConnection();
        JsonObject payload = jakarta.json.Json.createObjectBuilder().add("n", 1).build();

        dispatcher.answer(connection, request("echo", payload, "r3"));

        assertThat(seen.get()).isEqualTo(new Request(connection, payload, "r3"));
        assertThat(seen.get().userId()).isEqualTo("u");
    }

    @Test
    void acknowledgesNullResultWithEmptyObject() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> null));

        Envelope answer = dispatcher.answer(signedInConnection(), request("echo"));

        assertThat(answer.type()).isEqualTo(Envelope.ACK);
        assertThat(answer.requestId()).isEqualTo("r1");
        assertThat(answer.payload()).isEqualTo(JsonValue.EMPTY_JSON_OBJECT);
        assertThat(EnvelopeEncoder.frame(answer)).contains("\"payload\":{}");
    }

    @Test
    void answersUnknownTypeWhenSignedIn() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> null));

        Envelope answer = dispatcher.answer(signedInConnection(), request("x"));

        assertError(answer, "r1", ErrorCode.UNKNOWN_TYPE, "unknown type: x");
    }

    @Test
    void abbreviatesLongUnknownType() {
        Dispatcher dispatcher = dispatcher();
        String type = "t".repeat(100);

        Envelope answer = dispatcher.answer(signedInConnection(), request(type));

        assertError(answer, "r1", ErrorCode.UNKNOWN_TYPE, "unknown type: " + "t".repeat(64) + "…");
    }

    @Test
    void refusesRequestsBeforeSignIn() {
        AtomicReference<Request> seen = new AtomicReference<>();
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            seen.set(r);
            return null;
        }));

        Envelope answer = dispatcher.answer(anonymousConnection(), request("echo"));

        assertError(answer, "r1", ErrorCode.UNAUTHORIZED, "sign in first: send auth with a token");
        assertThat(seen.get()).isNull();
    }

    @Test
    void refusesUnknownTypeBeforeSignInAsUnauthorized() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> null));

        Envelope answer = dispatcher.answer(anonymousConnection(), request("x"));

        assertError(answer, "r1", ErrorCode.UNAUTHORIZED, "sign in first: send auth with a token");
    }

    @Test
    void servesHandlersThatNeedNoIdentityBeforeSignIn() {
        Dispatcher dispatcher = dispatcher(TestHandler.anonymous("hello", r -> Map.of("ok", true)));

        Envelope answer = dispatcher.answer(anonymousConnection(), request("hello"));

        assertThat(answer.type()).isEqualTo(Envelope.ACK);
        assertThat(answer.payload()).isEqualTo(Map.of("ok", true));
    }

    @Test
    void servesPingBeforeSignIn() {
        Dispatcher dispatcher = dispatcher(new PingHandler());

        Envelope answer = dispatcher.answer(anonymousConnection(), request("ping"));

        assertThat(answer.type()).isEqualTo(Envelope.ACK);
        assertThat(answer.payload()).isInstanceOfSatisfying(Map.class,
                pong -> assertThat(pong).containsOnlyKeys("serverTime"));
    }

    @Test
    void answersChatExceptionWithItsCodeAndMessage() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            throw ChatException.forbidden("not a participant");
        }));

        Envelope answer = dispatcher.answer(signedInConnection(), request("echo"));

        assertError(answer, "r1", ErrorCode.FORBIDDEN, "not a participant");
    }

    @Test
    void answersChatExceptionWrappedByTheContainerWithItsCodeAndMessage() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            throw new IllegalStateException("wrapper", new RuntimeException(ChatException.notFound("no such group")));
        }));

        Envelope answer = dispatcher.answer(signedInConnection(), request("echo"));

        assertError(answer, "r1", ErrorCode.NOT_FOUND, "no such group");
    }

    @Test
    void answersFaultAsInternalWithReferenceAndNoDetail() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            throw new IllegalStateException("SELECT secret FROM users failed");
        }));

        Envelope answer = dispatcher.answer(signedInConnection(), request("echo"));

        assertThat(answer.type()).isEqualTo(Envelope.ERROR);
        assertThat(answer.requestId()).isEqualTo("r1");
        Envelope.ErrorPayload error = (Envelope.ErrorPayload) answer.payload();
        assertThat(error.code()).isEqualTo("INTERNAL");
        assertThat(error.message())
                .startsWith("internal error, reference ")
                .matches("internal error, reference [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                .doesNotContain("SELECT", "secret", "IllegalStateException");
    }

    @Test
    void givesEachFaultItsOwnReference() {
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            throw new IllegalStateException("boom");
        }));

        Envelope first = dispatcher.answer(signedInConnection(), request("echo"));
        Envelope second = dispatcher.answer(signedInConnection(), request("echo"));

        assertThat(((Envelope.ErrorPayload) first.payload()).message())
                .isNotEqualTo(((Envelope.ErrorPayload) second.payload()).message());
    }

    @Test
    void refusesRequestsOverTheRateLimit() {
        List<String> served = new ArrayList<>();
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> {
            served.add(r.requestId());
            return null;
        }));
        Connection connection = signedInConnection(new RateLimit(ALMOST_NEVER, 1));

        Envelope first = dispatcher.answer(connection, request("echo", JsonValue.EMPTY_JSON_OBJECT, "r1"));
        Envelope second = dispatcher.answer(connection, request("echo", JsonValue.EMPTY_JSON_OBJECT, "r2"));

        assertThat(first.type()).isEqualTo(Envelope.ACK);
        assertError(second, "r2", ErrorCode.RATE_LIMITED, "too many requests, slow down");
        assertThat(served).containsExactly("r1");
    }

    @Test
    void rateLimitsAnonymousConnectionsToo() {
        Dispatcher dispatcher = dispatcher(new PingHandler());
        Connection connection = anonymousConnection(new RateLimit(ALMOST_NEVER, 1));
        dispatcher.answer(connection, request("ping"));

        Envelope answer = dispatcher.answer(connection, request("ping"));

        assertError(answer, "r1", ErrorCode.RATE_LIMITED, "too many requests, slow down");
    }

    // what reaches the socket: bad frames against the budget, answers bounded in size

    /** A session that records the frames sent to it and the close, and completes every send at once. */
    private static final class RecordingSession {
        final List<String> sent = new ArrayList<>();
        final AtomicReference<jakarta.websocket.CloseReason> closed = new AtomicReference<>();
        final Session session = (Session) Proxy.newProxyInstance(DispatcherTest.class.getClassLoader(),
                new Class<?>[]{Session.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> "c2";
                    case "isOpen" -> closed.get() == null;
                    case "getAsyncRemote" -> async();
                    case "close" -> {
                        closed.set((jakarta.websocket.CloseReason) args[0]);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });

        private jakarta.websocket.RemoteEndpoint.Async async() {
            return (jakarta.websocket.RemoteEndpoint.Async) Proxy.newProxyInstance(
                    DispatcherTest.class.getClassLoader(), new Class<?>[]{jakarta.websocket.RemoteEndpoint.Async.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("sendText") && args.length == 2) {
                            sent.add((String) args[0]);
                            ((jakarta.websocket.SendHandler) args[1]).onResult(new jakarta.websocket.SendResult());
                            return null;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        Connection connection(RateLimit limit) {
            Connection connection = new Connection(session, "127.0.0.1", limit,
                    new Connection.Outbound(1000, 10_000_000), (abandoned, code, drop) -> { });
            connection.identify(new Identity("u", "U", Instant.now().plusSeconds(60)));
            return connection;
        }

        String lastSent() {
            return sent.get(sent.size() - 1);
        }
    }

    @Test
    void malformedFramesCostARequestOfTheBudget() {
        RecordingSession socket = new RecordingSession();
        Connection connection = socket.connection(new RateLimit(ALMOST_NEVER, 2));
        Dispatcher dispatcher = dispatcher();
        Pipeline pipeline = pipeline(dispatcher, connection);

        dispatcher.refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, "b1", "frame is not valid JSON"));
        dispatcher.refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, "b2", "frame is not valid JSON"));
        dispatcher.refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, "b3", "frame is not valid JSON"));

        assertThat(socket.sent).hasSize(3);
        assertThat(socket.sent.get(1)).contains("\"code\":\"BAD_REQUEST\"", "\"requestId\":\"b2\"");
        assertThat(socket.lastSent()).contains("\"code\":\"RATE_LIMITED\"", "\"requestId\":\"b3\"");
        assertThat(socket.closed.get()).isNull();
    }

    @Test
    void closesWith4429AClientThatIgnoresRateLimited() {
        RecordingSession socket = new RecordingSession();
        Connection connection = socket.connection(new RateLimit(ALMOST_NEVER, 3, 3));
        Dispatcher dispatcher = dispatcher(TestHandler.of("echo", r -> null));
        Pipeline pipeline = pipeline(dispatcher, connection);

        for (int i = 0; i < 3 + 3; i++) {
            dispatcher.dispatch(pipeline, request("echo"));
        }
        assertThat(socket.closed.get()).as("3 refusals are within the burst").isNull();
        dispatcher.refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, null, "frame is not valid JSON"));

        assertThat(socket.closed.get()).isNotNull();
        assertThat(socket.closed.get().getCloseCode().getCode()).isEqualTo(CloseCodes.TOO_MANY_REQUESTS);
        assertThat(socket.closed.get().getReasonPhrase()).isEqualTo("too many requests: the client ignored RATE_LIMITED");
    }


    @Test
    void oversizeFramesCloseWith1009() {
        RecordingSession socket = new RecordingSession();
        Dispatcher dispatcher = dispatcher();
        dispatcher.refuse(pipeline(dispatcher, socket.connection(new RateLimit(ALMOST_NEVER, 5))),
                new BadFrame(ErrorCode.PAYLOAD_TOO_LARGE, null, "frame is larger than 65536 bytes"));

        assertThat(socket.closed.get().getCloseCode().getCode()).isEqualTo(1009);
        assertThat(socket.sent).isEmpty();
    }

    @Test
    void answersTooLargeToSendAreReplacedByAnError() {
        RecordingSession socket = new RecordingSession();
        Dispatcher dispatcher = dispatcher(TestHandler.of("big", r -> Map.of("text", "x".repeat(5000))));
        dispatcher.answerMaxBytes = 1000;

        dispatcher.dispatch(pipeline(dispatcher, socket.connection(new RateLimit(ALMOST_NEVER, 5))), request("big"));

        assertThat(socket.lastSent()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"",
                "the answer would be larger than 1000 bytes: ask for less", "\"requestId\":\"r1\"");
    }

    @Test
    void answersThatCannotBeWrittenAreReplacedByAnInternalError() {
        RecordingSession socket = new RecordingSession();
        Object unwritable = new Object() {
            public String getBroken() {
                throw new IllegalStateException("cannot serialise");
            }
        };
        Dispatcher dispatcher = dispatcher(TestHandler.of("odd", r -> unwritable));

        dispatcher.dispatch(pipeline(dispatcher, socket.connection(new RateLimit(ALMOST_NEVER, 5))), request("odd"));

        assertThat(socket.sent).hasSize(1);
        assertThat(socket.lastSent()).contains("\"code\":\"INTERNAL\"", "internal error, reference ");
    }

    @Test
    void pipelinedRequestsStartAtOnceAndAreAnsweredInRequestOrder() {
        RecordingSession socket = new RecordingSession();
        List<CompletableFuture<Object>> sends = new ArrayList<>();
        Dispatcher dispatcher = dispatcher(new LaterHandler("send", sends));
        Pipeline pipeline = pipeline(dispatcher, socket.connection(new RateLimit(ALMOST_NEVER, 5)));

        dispatcher.dispatch(pipeline, request("send", JsonValue.EMPTY_JSON_OBJECT, "s1"));
        dispatcher.dispatch(pipeline, request("send", JsonValue.EMPTY_JSON_OBJECT, "s2"));
        assertThat(sends).as("the second started before the first was answered").hasSize(2);

        sends.get(1).complete(Map.of("n", 2));
        assertThat(socket.sent).as("the second waits for the first's answer").isEmpty();
        sends.get(0).completeExceptionally(new CompletionException(ChatException.forbidden("not yours")));

        assertThat(socket.sent).hasSize(2);
        assertThat(socket.sent.get(0)).contains("\"requestId\":\"s1\"", "\"code\":\"FORBIDDEN\"", "not yours");
        assertThat(socket.sent.get(1)).contains("\"requestId\":\"s2\"", "\"type\":\"ack\"", "\"n\":2");
    }

    @Test
    void aRequestAfterPipelinedOnesStartsOnlyOnceTheyAreAnswered() {
        RecordingSession socket = new RecordingSession();
        List<CompletableFuture<Object>> sends = new ArrayList<>();
        List<String> echoed = new ArrayList<>();
        Dispatcher dispatcher = dispatcher(new LaterHandler("send", sends), TestHandler.of("echo", r -> {
            echoed.add(r.requestId());
            return null;
        }));
        Pipeline pipeline = pipeline(dispatcher, socket.connection(new RateLimit(ALMOST_NEVER, 10)));

        dispatcher.dispatch(pipeline, request("send", JsonValue.EMPTY_JSON_OBJECT, "s1"));
        dispatcher.dispatch(pipeline, request("echo", JsonValue.EMPTY_JSON_OBJECT, "e1"));
        dispatcher.dispatch(pipeline, request("send", JsonValue.EMPTY_JSON_OBJECT, "s2"));
        dispatcher.refuse(pipeline, new BadFrame(ErrorCode.BAD_REQUEST, "b1", "frame is not valid JSON"));
        assertThat(echoed).as("held behind the unanswered send").isEmpty();
        assertThat(sends).as("a send after a held request is held too").hasSize(1);

        sends.get(0).complete(null);
        assertThat(echoed).containsExactly("e1");
        assertThat(sends).hasSize(2);
        assertThat(socket.sent).hasSize(2);
        sends.get(1).complete(null);

        assertThat(socket.sent).hasSize(4);
        assertThat(socket.sent.get(0)).contains("\"requestId\":\"s1\"");
        assertThat(socket.sent.get(1)).contains("\"requestId\":\"e1\"");
        assertThat(socket.sent.get(2)).contains("\"requestId\":\"s2\"");
        assertThat(socket.sent.get(3)).contains("\"requestId\":\"b1\"", "frame is not valid JSON");
    }
}
