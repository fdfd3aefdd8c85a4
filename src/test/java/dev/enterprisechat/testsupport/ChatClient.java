package dev.enterprisechat.testsupport;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real WebSocket client of the chat protocol for tests (the JDK's client, loopback only).
 * <p>
 * Answers to requests are matched by requestId; events go to a queue that tests wait on with a timeout. For "this
 * did not arrive" checks, {@link #barrier()} makes a ping round trip first: frames on one connection arrive in the
 * order the server queued them, so after the pong anything sent before it is in the queue.
 */
public final class ChatClient implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
    /** The request ids of answers, in the order they arrived. */
    private final Queue<String> arrivals = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
    private final Deque<JsonObject> skipped = new ArrayDeque<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile WebSocket socket;
    private volatile boolean reading = true;
    private volatile String closeReason;

    private ChatClient() {
    }

    /** Signs in with the token in the {@code Sec-WebSocket-Protocol} header, as browsers do. */
    public static ChatClient connect(URI endpoint, String token) {
        return open(endpoint, List.of("chat.v1", "bearer." + token));
    }

    /** Signs in with the token as the {@code access_token} query parameter. */
    public static ChatClient connectWithQueryToken(URI endpoint, String token) {
        return open(URI.create(endpoint + "?access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)),
                List.of("chat.v1"));
    }

    public static ChatClient connectAnonymously(URI endpoint) {
        return open(endpoint, List.of("chat.v1"));
    }

    /** Connects and waits for {@code connection_status: authenticated}. */
    public static ChatClient signIn(URI endpoint, String token) {
        ChatClient client = connect(endpoint, token);
        client.event("connection_status");
        return client;
    }

    /** The HTTP status of a refused handshake, or 101 when the upgrade succeeded. */
    public static int handshakeStatus(URI endpoint, List<String> subprotocols) {
        try (ChatClient client = open(endpoint, subprotocols)) {
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static ChatClient open(URI endpoint, List<String> subprotocols) {
        ChatClient client = new ChatClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(WAIT);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0),
                    subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        client.socket = builder.buildAsync(endpoint, client.new Listener()).orTimeout(30, TimeUnit.SECONDS).join();
        return client;
    }

    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Sends a request and returns the answer (an ack or error frame). */
    public JsonObject request(String type, JsonObject payload) {
        String requestId = "r" + ids.incrementAndGet();
        CompletableFuture<JsonObject> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        send(Json.createObjectBuilder().add("type", type).add("payload", payload).add("requestId", requestId)
                .add("timestamp", java.time.Instant.now().toString()).build().toString());
        try {
            return answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + type + " within " + WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends the requests (type, payload) one after the other without waiting for answers, and returns the answers
     * in the order they arrived.
     */
    public List<JsonObject> pipelined(List<Map.Entry<String, JsonObject>> requests) {
        List<String> requestIds = new ArrayList<>();
        List<CompletableFuture<JsonObject>> pending = new ArrayList<>();
        for (Map.Entry<String, JsonObject> request : requests) {
            String requestId = "r" + ids.incrementAndGet();
            requestIds.add(requestId);
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            pending.add(answer);
            answers.put(requestId, answer);
        }
        for (int i = 0; i < requests.size(); i++) {
            send(Json.createObjectBuilder().add("type", requests.get(i).getKey())
                    .add("payload", requests.get(i).getValue()).add("requestId", requestIds.get(i)).build().toString());
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not every pipelined request was answered within " + WAIT);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Map<String, JsonObject> byId = new HashMap<>();
        for (int i = 0; i < requestIds.size(); i++) {
            byId.put(requestIds.get(i), pending.get(i).join());
        }
        return arrivals.stream().filter(byId::containsKey).map(byId::get).toList();
    }

    /** Sends a request that must succeed and returns the ack's payload. */
    public JsonObject ack(String type, JsonObject payload) {
        JsonObject answer = request(type, payload);
        if (!"ack".equals(answer.getString("type"))) {
            throw new AssertionError(type + " was refused: " + answer);
        }
        return answer.getJsonObject("payload");
    }

    /**
     * Creates a group owned by this client's user, has every member join it by its invite code, and returns the
     * id of the group's conversation.
     */
    public long createGroupWith(String name, ChatClient... members) {
        JsonObject group = ack("create_group", Json.createObjectBuilder().add("name", name).build())
                .getJsonObject("group");
        for (ChatClient member : members) {
            member.ack("join_group", Json.createObjectBuilder().add("inviteCode", group.getString("inviteCode"))
                    .build());
        }
        return group.getJsonNumber("conversationId").longValue();
    }

    /** The id of this client's user's direct conversation with {@code other} (created, or the existing one). */
    public long directConversationWith(String other) {
        return ack("create_conversation", Json.createObjectBuilder()
                .add("participantIds", Json.createArrayBuilder().add(other)).build())
                .getJsonObject("conversation").getJsonNumber("id").longValue();
    }

    /** Sends a request that must fail and returns the error's payload ({code, message}). */
    public JsonObject error(String type, JsonObject payload) {
        JsonObject answer = request(type, payload);
        if (!"error".equals(answer.getString("type"))) {
            throw new AssertionError(type + " was expected to fail but was answered " + answer);
        }
        return answer.getJsonObject("payload");
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(data), true).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Sends any text as one message. */
    public void send(String text) {
        socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Sends one fragment of a text message; the message ends with the fragment sent with {@code last}. */
    public void sendFragment(String text, boolean last) {
        socket.sendText(text, last).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Whether the server closed the connection (or it failed). */
    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** The close reason the server gave, once closed. */
    public String closeReason() {
        return closeReason;
    }

    /** Waits for the next event of this type; events of other types stay queued for later calls. */
    public JsonObject event(String type) {
        return event(type, WAIT);
    }

    public JsonObject event(String type, Duration wait) {
        JsonObject earlier = takeSkipped(type);
        if (earlier != null) {
            return earlier;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                JsonObject next = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError("no " + type + " event within " + wait + "; other events: " + skipped);
                }
                if (type.equals(next.getString("type"))) {
                    return next;
                }
                synchronized (skipped) {
                    skipped.add(next);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame not matched to a request of this client, whatever its type. */
    public JsonObject next() {
        synchronized (skipped) {
            if (!skipped.isEmpty()) {
                return skipped.poll();
            }
        }
        try {
            JsonObject next = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The next frame not matched to a request of this client, or null once the server closed the connection and no
     * frame is left; fails when neither comes within {@link #WAIT}.
     */
    public JsonObject nextOrNullWhenClosed() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                synchronized (skipped) {
                    if (!skipped.isEmpty()) {
                        return skipped.poll();
                    }
                }
                JsonObject next = events.poll(20, TimeUnit.MILLISECONDS);
                if (next != null) {
                    return next;
                }
                if (isClosed()) {
                    return events.poll(); // a frame received just before the close, else null
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        throw new AssertionError("neither a frame nor a close within " + WAIT);
    }

    /** The payload of the next event of this type. */
    public JsonObject eventPayload(String type) {
        return event(type).getJsonObject("payload");
    }

    /** After a ping round trip: is an event of this type already queued? (Consumes nothing.) */
    public boolean hasEvent(String type) {
        barrier();
        synchronized (skipped) {
            events.drainTo(skipped);
            return skipped.stream().anyMatch(e -> type.equals(e.getString("type")));
        }
    }

    /**
     * The frames not matched to a request that arrived so far, in their order, taken without waiting: after
     * {@link #request} returns, every frame the server sent before its answer is among them.
     */
    public List<JsonObject> receivedSoFar() {
        synchronized (skipped) {
            events.drainTo(skipped);
            List<JsonObject> received = new ArrayList<>(skipped);
            skipped.clear();
            return received;
        }
    }

    /** A ping round trip: everything the server queued for this connection before it is now received. */
    public void barrier() {
        ack("ping", JsonValue.EMPTY_JSON_OBJECT);
    }

    /** Waits for the server to close the connection and returns the close code. */
    public int awaitClose(Duration wait) {
        try {
            return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("connection not closed within " + wait);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops reading: the server's frames back up (for slow-consumer tests). */
    public void stopReading() {
        reading = false;
    }

    public void resumeReading() {
        reading = true;
        socket.request(1);
    }

    private JsonObject takeSkipped(String type) {
        synchronized (skipped) {
            for (Iterator<JsonObject> it = skipped.iterator(); it.hasNext(); ) {
                JsonObject e = it.next();
                if (type.equals(e.getString("type"))) {
                    it.remove();
                    return e;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closeCode.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS).join();
                closeCode.get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the server is gone already
            }
        }
        socket.abort();
    }

    private final class Listener extends WholeTextListener {

        @Override
        protected void onFrame(String text) {
            JsonObject frame = Json.createReader(new StringReader(text)).readObject();
            JsonValue requestId = frame.get("requestId");
            if (requestId != null && requestId.getValueType() == JsonValue.ValueType.STRING) {
                CompletableFuture<JsonObject> answer = answers.remove(frame.getString("requestId"));
                if (answer != null) {
                    arrivals.add(frame.getString("requestId"));
                    answer.complete(frame);
                    return;
                }
            }
            events.add(frame);
        }

        @Override
        protected boolean reading() {
            return reading;
        }

        @Override
        public CompletableFuture<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            failUnanswered("closed by the server with " + statusCode + " (" + reason + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
            failUnanswered("failed: " + error);
        }

        /** A request that the closed connection can no longer answer fails now, not after the wait. */
        private void failUnanswered(String how) {
            answers.values().forEach(answer -> answer.completeExceptionally(
                    new IllegalStateException("connection closed before the answer: " + how)));
            answers.clear();
        }
    }
}
