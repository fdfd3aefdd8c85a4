package dev.enterprisechat.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The runnable uber-jar ({@code target/chat-server.jar}) started as its own process, as an operator would start it:
 * for tests that restart or kill a server. Its log goes to {@code target/server-logs/}.
 */
public final class ServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 180;

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the server on {@code port} in {@code workDir} with the environment of the tests plus {@code env}
     * (a null value removes a variable), and waits until it is ready.
     */
    public static ServerProcess start(int port, Path workDir, Map<String, String> env, String name) {
        try {
            Files.createDirectories(workDir);
            Path logs = Files.createDirectories(Path.of("target", "server-logs"));
            Path log = logs.resolve(name + "-" + System.currentTimeMillis() + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    // Payara unpacks its runtime there, and a killed server leaves it behind: the tests' own
                    // temporary folder (target/tmp under Maven), not /tmp
                    "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                    "-jar", Path.of(System.getProperty("chat.jar")).toAbsolutePath().toString(),
                    "--port", String.valueOf(port)));
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true);
            env.forEach((key, value) -> {
                if (value == null) {
                    builder.environment().remove(key);
                } else {
                    builder.environment().put(key, value);
                }
            });
            Process process = builder.start();
            ServerProcess server = new ServerProcess(process, port, log);
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws IOException {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> copyLog(ready), "server-log-" + port);
        pump.setDaemon(true);
        pump.start();
        try {
            ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("server on port " + port + " did not start; see " + log, e);
        }
    }

    private void copyLog(CompletableFuture<Void> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.newLine();
                out.flush();
                if (line.contains("Payara Micro") && line.contains("ready in")) {
                    ready.complete(null);
                }
            }
            ready.completeExceptionally(new IllegalStateException("server exited"));
        } catch (IOException e) {
            ready.completeExceptionally(e);
        }
    }

    /** A free TCP port on loopback. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server process's id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    /** The log's length so far: pass it to {@link #logSince} to read what a test caused. */
    public long logLength() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the server logged after {@code mark} (a {@link #logLength}). */
    public String logSince(long mark) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(mark, all.length), (int) Math.max(0, all.length - mark),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's HTTP root, for health and metrics. */
    public URI http() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    public URI endpoint() {
        return URI.create("ws://127.0.0.1:" + port + "/api/websocket");
    }

    public Path log() {
        return log;
    }

    /** Whether the log so far contains this text. */
    public boolean logContains(String text) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the log contains this text: it is written as things happen, so the file is read again each 20 ms. */
    public void awaitLog(String text, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!logContains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server's log did not say \"" + text + "\" within " + wait);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    /** A graceful stop (SIGTERM), as an orchestrator does it. */
    public void stop() {
        process.destroy();
        awaitExit();
    }

    /** A crash ({@code kill -9}). */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
