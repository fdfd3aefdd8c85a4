package dev.enterprisechat.bench;

import dev.enterprisechat.testsupport.WholeTextListener;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A lean protocol client for load: frames are matched by string search, not parsed, so that the generator
 * measures the server rather than its own JSON parsing. One request in flight at a time, as a UI sends.
 */
final class BenchClient {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AtomicLong ids = new AtomicLong();
    private volatile CompletableFuture<String> answer;
    private volatile Consumer<String> onEvent = frame -> { };
    private final CompletableFuture<Void> signedIn = new CompletableFuture<>();
    private WebSocket socket;

    static BenchClient connect(URI endpoint, String token) {
        BenchClient client = new BenchClient();
        client.socket = HTTP.newWebSocketBuilder().subprotocols("chat.v1", "bearer." + token)
                .buildAsync(endpoint, client.new Listener()).orTimeout(60, TimeUnit.SECONDS).join();
        client.signedIn.orTimeout(60, TimeUnit.SECONDS).join();
        return client;
    }

    void onEvent(Consumer<String> handler) {
        this.onEvent = handler;
    }

    /** Sends a request and waits for its answer (the raw frame); fails on an error answer. */
    String request(String type, String payloadJson) {
        String requestId = "b" + ids.incrementAndGet();
        CompletableFuture<String> pending = new CompletableFuture<>();
        answer = pending;
        socket.sendText("{\"type\":\"" + type + "\",\"requestId\":\"" + requestId + "\",\"payload\":" + payloadJson
                + "}", true).join();
        String frame = pending.orTimeout(60, TimeUnit.SECONDS).join();
        if (frame.startsWith("{\"type\":\"error\"")) {
            throw new IllegalStateException(type + " refused: " + frame);
        }
        return frame;
    }

    /** The number after {@code "name":} in a frame. */
    static long number(String frame, String name) {
        int at = frame.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return Long.parseLong(frame.substring(at, end));
    }

    void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(10, TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
    }

    private final class Listener extends WholeTextListener {

        @Override
        protected void onFrame(String frame) {
            if (frame.contains("\"requestId\":null")) {
                if (frame.startsWith("{\"type\":\"connection_status\"")) {
                    signedIn.complete(null);
                }
                onEvent.accept(frame);
            } else if (answer != null) {
                answer.complete(frame);
            }
        }
    }
}
