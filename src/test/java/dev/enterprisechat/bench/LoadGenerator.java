package dev.enterprisechat.bench;

import dev.enterprisechat.testsupport.Tokens;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator of {@code bench/run}: real WebSocket clients on loopback against a running server, each
 * scenario bounded in clients and time, one result line per run.
 * <pre>
 * persist ENDPOINT SENDERS SECONDS           senders in their own conversations: acked messages/s, ack latency
 * fanout  ENDPOINT MEMBERS SECONDS [RATE] [SENDERS]
 *                                            one room: deliveries/s flat out (RATE 0), or send→receive latency at
 *                                            RATE msg/s in all; SENDERS (default 1, on the first endpoint) send at once
 * idle    ENDPOINT CONNECTIONS SERVER_PID    heap per idle signed-in connection (jcmd on the server)
 * ping    ENDPOINT CLIENTS SECONDS           {@code ping} round trips, one at a time per client: the request path alone
 * changes ENDPOINT SENDERS SECONDS KIND      senders changing a message of their own conversation: KIND {@code edit}
 *                                            (a new text each time) or {@code react} (a reaction added, then removed)
 * storm   ENDPOINT CLIENTS                   a reconnect storm: every client of groups of 100 opens, signs in, joins its
 *                                            conversation and syncs, all at once (after a setup that is not timed)
 * </pre>
 */
public final class LoadGenerator {

    /** A message's content: 80 characters, or -Dbench.content=N (a long word: the search index skips it). */
    private static final String CONTENT = "x".repeat(Integer.getInteger("bench.content", 80));

    private LoadGenerator() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            // several endpoints (comma-separated): instances of one cluster; clients are spread over them in turn
            List<URI> endpoint = Arrays.stream(args[1].split(",")).map(URI::create).toList();
            int size = Integer.parseInt(args[2]);
            switch (args[0]) {
                case "persist" -> persist(endpoint, size, Integer.parseInt(args[3]));
                case "fanout" -> fanout(endpoint, size, Integer.parseInt(args[3]),
                        args.length > 4 ? Double.parseDouble(args[4]) : 0,
                        args.length > 5 ? Integer.parseInt(args[5]) : 1);
                case "idle" -> idle(endpoint, size, args[3]);
                case "ping" -> ping(endpoint, size, Integer.parseInt(args[3]));
                case "storm" -> storm(endpoint, size);
                case "changes" -> changes(endpoint, size, Integer.parseInt(args[3]), args[4]);
                default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
            }
        } catch (Exception | AssertionError failed) {
            failed.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static void persist(List<URI> endpoint, int senders, int seconds) throws Exception {
        List<BenchClient> clients = connect(endpoint, "p", senders);
        List<Long> conversations = new ArrayList<>();
        for (BenchClient client : clients) {
            conversations.add(BenchClient.number(client.request("create_group", "{\"name\":\"bench\"}"),
                    "conversationId"));
        }
        List<Runnable> sends = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            BenchClient client = clients.get(i);
            long conversation = conversations.get(i);
            sends.add(() -> client.request("send_message", "{\"conversationId\":" + conversation
                    + ",\"content\":\"" + CONTENT + "\",\"clientMessageId\":\"" + UUID.randomUUID() + "\"}"));
        }
        Stats latency = new Stats();
        double elapsed = closedLoops(sends, seconds, latency);
        System.out.printf("RESULT persist instances=" + endpoint.size() + " senders=%d msgs_per_s=%.0f p50_ms=%.2f p99_ms=%.2f samples=%d%n",
                senders, latency.count() / elapsed, latency.percentileMillis(50), latency.percentileMillis(99),
                latency.count());
        clients.forEach(BenchClient::close);
    }

    /** Edits or reaction changes, each a committed change of its conversation (a new {@code rev}), acked. */
    static void changes(List<URI> endpoint, int senders, int seconds, String kind) throws Exception {
        List<BenchClient> clients = connect(endpoint, "c", senders);
        List<Runnable> changes = new ArrayList<>();
        for (BenchClient client : clients) {
            long conversation = BenchClient.number(client.request("create_group", "{\"name\":\"bench\"}"),
                    "conversationId");
            client.request("send_message", "{\"conversationId\":" + conversation + ",\"content\":\"" + CONTENT
                    + "\"}");
            String message = "{\"conversationId\":" + conversation + ",\"seq\":1";
            AtomicLong count = new AtomicLong();
            changes.add(switch (kind) {
                case "edit" -> () -> client.request("edit_message", message + ",\"content\":\"" + CONTENT
                        + count.incrementAndGet() + "\"}");
                case "react" -> () -> client.request(count.incrementAndGet() % 2 == 1 ? "add_reaction"
                        : "remove_reaction", message + ",\"emoji\":\"\uD83D\uDC4D\"}");
                default -> throw new IllegalArgumentException("unknown kind of change " + kind);
            });
        }
        Stats latency = new Stats();
        double elapsed = closedLoops(changes, seconds, latency);
        System.out.printf("RESULT changes kind=%s senders=%d changes_per_s=%.0f p50_ms=%.2f p99_ms=%.2f%n", kind,
                senders, latency.count() / elapsed, latency.percentileMillis(50), latency.percentileMillis(99));
        clients.forEach(BenchClient::close);
    }

    static void fanout(List<URI> endpoint, int members, int seconds, double rate, int senderCount)
            throws Exception {
        List<BenchClient> senders = connect(endpoint.subList(0, 1), "s", senderCount);
        String group = senders.get(0).request("create_group", "{\"name\":\"fanout\"}");
        long conversation = BenchClient.number(group, "conversationId");
        String code = group.replaceAll(".*\"inviteCode\":\"([^\"]+)\".*", "$1");
        for (BenchClient other : senders.subList(1, senders.size())) {
            other.request("join_group", "{\"inviteCode\":\"" + code + "\"}");
        }
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicLong delivered = new AtomicLong();
        Stats latency = new Stats();
        List<BenchClient> receivers = connect(endpoint, "r", members);
        for (BenchClient receiver : receivers) {
            receiver.request("join_group", "{\"inviteCode\":\"" + code + "\"}");
            receiver.onEvent(frame -> {
                if (measuring.get() && frame.startsWith("{\"type\":\"new_message\"")) {
                    delivered.incrementAndGet();
                    int at = frame.indexOf("\"content\":\"t") + 12;
                    latency.add((System.nanoTime() - Long.parseLong(frame.substring(at, frame.indexOf('"', at))))
                            / 1000);
                }
            });
        }
        // each sender at its share of the rate, one send at a time (the next once the last is acked)
        long interval = rate > 0 ? (long) (1e9 * senderCount / rate) : 0;
        long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong sentInAll = new AtomicLong();
        ExecutorService sending = Executors.newFixedThreadPool(senderCount);
        List<Future<?>> loops = new ArrayList<>();
        for (BenchClient sender : senders) {
            loops.add(sending.submit(() -> {
                long next = System.nanoTime();
                while (System.nanoTime() < end) {
                    if (!measuring.get() && System.nanoTime() >= warmupEnd) {
                        measuring.set(true);
                    }
                    if (interval > 0) {
                        while (System.nanoTime() < next) {
                            Thread.onSpinWait();
                        }
                        next += interval;
                    }
                    sender.request("send_message", "{\"conversationId\":" + conversation + ",\"content\":\"t"
                            + System.nanoTime() + "\"}");
                    sentInAll.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            loop.get();
        }
        sending.shutdown();
        long sent = sentInAll.get();
        measuring.set(false);
        System.out.printf("RESULT fanout instances=%d members=%d senders=%d rate=%s deliveries_per_s=%.0f "
                        + "p50_ms=%.2f p99_ms=%.2f sent=%d%n", endpoint.size(), members, senderCount,
                rate > 0 ? String.format("%.0f", rate) : "max", delivered.get() / (double) seconds,
                latency.percentileMillis(50), latency.percentileMillis(99), sent);
        receivers.forEach(BenchClient::close);
        senders.forEach(BenchClient::close);
    }

    static void ping(List<URI> endpoint, int clients, int seconds) throws Exception {
        List<BenchClient> connected = connect(endpoint, "r", clients);
        Stats latency = new Stats();
        double elapsed = closedLoops(connected.stream().<Runnable>map(client -> () -> client.request("ping", "{}"))
                .toList(), seconds, latency);
        System.out.printf("RESULT ping clients=%d round_trips_per_s=%.0f p50_ms=%.3f p99_ms=%.3f%n", clients,
                latency.count() / elapsed, latency.percentileMillis(50), latency.percentileMillis(99));
        connected.forEach(BenchClient::close);
    }

    /**
     * Runs each request in a loop on its own thread, each waiting for its answer before the next (as a UI does): 3 s
     * of warm-up, then {@code seconds} measured into {@code latency}.
     *
     * @return the measured seconds
     */
    static double closedLoops(List<Runnable> requests, int seconds, Stats latency) throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        List<Future<?>> loops = new ArrayList<>();
        for (Runnable request : requests) {
            loops.add(threads.submit(() -> {
                while (running.get()) {
                    long start = System.nanoTime();
                    request.run();
                    if (measuring.get()) {
                        latency.add((System.nanoTime() - start) / 1000);
                    }
                }
                return null;
            }));
        }
        TimeUnit.SECONDS.sleep(3); // warm-up: JIT, pool, caches
        measuring.set(true);
        long start = System.nanoTime();
        TimeUnit.SECONDS.sleep(seconds);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Future<?> loop : loops) {
            loop.get();
        }
        threads.shutdown();
        return elapsed;
    }

    static void idle(List<URI> endpoint, int connections, String serverPid) throws Exception {
        boolean histogram = System.getenv("BENCH_HISTOGRAM") != null;
        connect(endpoint, "w", Math.min(200, connections)).forEach(BenchClient::close); // warm: classes, JIT
        long before = serverHeapUsedKb(serverPid);
        Map<String, long[]> classesBefore = histogram ? histogram(serverPid) : Map.of();
        long opening = System.nanoTime();
        List<BenchClient> clients = connect(endpoint, "i", connections);
        double openSeconds = (System.nanoTime() - opening) / 1e9;
        long after = serverHeapUsedKb(serverPid);
        System.out.printf("RESULT idle connections=%d heap_before_mb=%.1f heap_after_mb=%.1f bytes_per_connection=%.0f"
                        + " handshakes_per_s=%.0f%n", connections, before / 1024.0, after / 1024.0,
                (after - before) * 1024.0 / connections, connections / openSeconds);
        if (histogram) {
            printGrowth(classesBefore, histogram(serverPid), connections);
        }
        clients.forEach(BenchClient::close);
    }

    /** Live instances and bytes per class on the server ({@code jcmd GC.class_histogram}, after a full GC). */
    static Map<String, long[]> histogram(String pid) throws IOException, InterruptedException {
        Map<String, long[]> classes = new HashMap<>();
        Matcher row = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE)
                .matcher(run("jcmd", pid, "GC.class_histogram"));
        while (row.find()) {
            classes.put(row.group(3), new long[]{Long.parseLong(row.group(1)), Long.parseLong(row.group(2))});
        }
        return classes;
    }

    /** The classes whose live bytes grew most, per connection: where an idle connection's heap goes. */
    static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, int connections) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{
                        e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(40)
                .forEach(e -> System.out.printf("HISTOGRAM %8.2f instances %8.0f bytes per connection  %s%n",
                        e.getValue()[0] / (double) connections, e.getValue()[1] / (double) connections, e.getKey()));
    }

    /** Signs in {@code count} new users, 32 at a time, spread over the endpoints in turn. */
    static List<BenchClient> connect(List<URI> endpoints, String prefix, int count) throws Exception {
        List<String> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(Tokens.newUserId(prefix));
        }
        return connect(endpoints, users);
    }

    /** Signs these users in, 32 at a time, spread over the endpoints in turn. */
    static List<BenchClient> connect(List<URI> endpoints, List<String> users) throws Exception {
        int count = users.size();
        ExecutorService threads = Executors.newFixedThreadPool(32);
        List<Future<BenchClient>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = users.get(i);
            URI endpoint = endpoints.get(i % endpoints.size());
            opening.add(threads.submit(() -> BenchClient.connect(endpoint, Tokens.forUser(user).sign())));
        }
        List<BenchClient> clients = new ArrayList<>(count);
        for (Future<BenchClient> open : opening) {
            clients.add(open.get());
        }
        threads.shutdown();
        return clients;
    }

    /**
     * A reconnect storm: {@code clients} users in groups of 100 (set up first, not timed) come back at once, each
     * opening a connection with its token, joining its conversation and syncing, 64 at a time.
     */
    static void storm(List<URI> endpoint, int clients) throws Exception {
        List<String> users = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            users.add(Tokens.newUserId("storm"));
        }
        List<BenchClient> first = connect(endpoint, users);
        long[] conversationOf = new long[clients];
        for (int owner = 0; owner < clients; owner += 100) {
            String group = first.get(owner).request("create_group", "{\"name\":\"storm\"}");
            long conversation = BenchClient.number(group, "conversationId");
            String code = group.replaceAll(".*\"inviteCode\":\"([^\"]+)\".*", "$1");
            for (int i = owner; i < Math.min(clients, owner + 100); i++) {
                conversationOf[i] = conversation;
                if (i != owner) {
                    first.get(i).request("join_group", "{\"inviteCode\":\"" + code + "\"}");
                }
            }
        }
        first.forEach(BenchClient::close);
        List<String> tokens = users.stream().map(user -> Tokens.forUser(user).sign()).toList();
        ExecutorService threads = Executors.newFixedThreadPool(64);
        List<Future<BenchClient>> back = new ArrayList<>(clients);
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            URI at = endpoint.get(i % endpoint.size());
            String token = tokens.get(i);
            long conversation = conversationOf[i];
            back.add(threads.submit(() -> {
                BenchClient client = BenchClient.connect(at, token);
                client.request("join_conversation", "{\"conversationId\":" + conversation + "}");
                client.request("sync", "{\"conversations\":[{\"conversationId\":" + conversation
                        + ",\"afterSeq\":0}]}");
                return client;
            }));
        }
        List<BenchClient> returned = new ArrayList<>(clients);
        for (Future<BenchClient> client : back) {
            returned.add(client.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdown();
        System.out.printf("RESULT storm clients=%d seconds=%.2f clients_per_s=%.0f%n", clients, seconds,
                clients / seconds);
        returned.forEach(BenchClient::close);
    }

    /** Heap in use on the server after a full collection, as jcmd reports it. */
    static long serverHeapUsedKb(String pid) throws IOException, InterruptedException {
        run("jcmd", pid, "GC.run");
        String info = run("jcmd", pid, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no heap figure in: " + info);
        }
        return Long.parseLong(used.group(1));
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
