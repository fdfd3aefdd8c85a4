package dev.enterprisechat.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plain HTTP requests to a server's other endpoints: health, metrics, development tokens. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** A status and a body. */
    public record Answer(int status, String body) {
    }

    public static Answer get(URI uri) {
        return send(HttpRequest.newBuilder(uri));
    }

    /** A POST of a JSON body. */
    public static Answer postJson(URI uri, String json) {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of an application metric in the Prometheus text at {@code server}/metrics, e.g. {@code chat_connections_open}. */
    public static double metric(URI server, String name) {
        String text = get(server.resolve("/metrics?scope=application")).body();
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{mp_scope=\"application\"\\} (\\S+)$")
                .matcher(text);
        if (!value.find()) {
            throw new AssertionError("no metric " + name + " in:\n" + text);
        }
        return Double.parseDouble(value.group(1));
    }

    /** Polls until the metric has the value, or fails after the wait (metrics follow events asynchronously). */
    public static void awaitMetric(URI server, String name, double expected, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        double last;
        do {
            last = metric(server, name);
            if (last == expected) {
                return;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + " was " + last + ", expected " + expected);
    }

    /** Polls {@code path} until it answers with this status, or fails after the wait; returns the last answer. */
    public static Answer awaitStatus(URI uri, int status, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Answer last;
        do {
            last = get(uri);
            if (last.status() == status) {
                return last;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError(uri + " answered " + last.status() + " " + last.body() + ", expected " + status);
    }
}
