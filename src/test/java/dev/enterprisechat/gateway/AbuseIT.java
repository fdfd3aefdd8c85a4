package dev.enterprisechat.gateway;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.Heap;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.RawSocket;
import dev.enterprisechat.testsupport.ServerProcess;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar under abuse, as a hostile or careless client would try it: memory returns to its baseline after
 * the abusers leave, the log stays free of stack traces, a change the database refuses fails alone, and readiness
 * tells the truth about a stuck writer and a full heap. The server keeps serving a normal client throughout. And an
 * open connection holds what it needs and no more.
 */
class AbuseIT {

    @TempDir
    static Path workDir;

    static ServerProcess server;
    static ServerProcess tinyHeapLimit;

    @BeforeAll
    static void servers() {
        List<ServerProcess> started = Concurrently.run(
                () -> ServerProcess.start(ServerProcess.freePort(), workDir.resolve("abuse"),
                        // the sign-in window outlasts what the sloppy client sends on a loaded machine
                        Map.of("CHAT_AUTH_TIMEOUT", "6s", "CHAT_HEALTH_WRITER_STALL", "1s",
                                // clients that do not read are let go for their backlog here, not for missed pongs
                                "CHAT_HEARTBEAT_INTERVAL", "60s"), "abuse"),
                () -> ServerProcess.start(ServerProcess.freePort(), workDir.resolve("heap"),
                        Map.of("CHAT_HEALTH_HEAP_AFTER_GC_MAX", "0.001"), "heap-limit"));
        server = started.get(0);
        tinyHeapLimit = started.get(1);
    }

    @AfterAll
    static void stop() {
        for (ServerProcess process : new ServerProcess[]{server, tinyHeapLimit}) {
            if (process != null) {
                process.close();
            }
        }
    }

    static ChatClient signIn(String user) {
        return ChatClient.signIn(server.endpoint(), Tokens.forUser(user).name(user).sign());
    }

    @Test
    void memoryReturnsToItsBaselineAfterUnfinishedMessagesAndUnreadAnswers() {
        String owner = Tokens.newUserId("owner");
        try (ChatClient writer = signIn(owner)) {
            long conversation = writer.createGroupWith("big");
            for (int i = 0; i < 40; i++) {
                writer.ack("send_message", Payload.of("conversationId", conversation, "content", "😀".repeat(3990)));
            }
            String code = writer.ack("load_conversations", Payload.of()).getJsonArray("conversations")
                    .getJsonObject(0).getString("inviteCode");
            abuse(code, conversation);
            long baseline = Heap.liveBytes(server.pid());

            abuse(code, conversation);

            long after = Heap.liveBytes(server.pid());
            assertThat(after - baseline).as("live heap growth after the abusers left, bytes")
                    .isLessThan(32L * 1024 * 1024);
            awaitNoClosedConnectionReachable();
            assertServesANormalClient();
        }
    }

    /**
     * Twenty connections each leave a message unfinished just under the limit, and one passes it; then six
     * connections that never read ask for large pages (30 of about 500 KB each, more than loopback's socket buffers
     * hold) until the server gives up on them. All leave.
     */
    private static void abuse(String inviteCode, long conversation) {
        List<ChatClient> abusers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                ChatClient client = signIn(Tokens.newUserId("fragments"));
                abusers.add(client);
                client.sendFragment("{\"type\":\"ping\",\"requestId\":\"f\",\"payload\":{\"p\":\"" + "a".repeat(60_000),
                        false);
            }
            abusers.get(0).sendFragment("b".repeat(10_000), false);
            assertThat(abusers.get(0).awaitClose(ChatClient.WAIT)).isEqualTo(1009);

            double slowBefore = Http.metric(server.http(), "chat_slow_consumer_closes_total");
            List<ChatClient> readers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                ChatClient reader = signIn(Tokens.newUserId("unread"));
                reader.ack("join_group", Payload.of("inviteCode", inviteCode));
                // its room's subscription is taken in a transaction of a CDI bean: nothing of it may outlive the close
                reader.ack("join_conversation", Payload.of("conversationId", conversation));
                reader.stopReading();
                readers.add(reader);
            }
            abusers.addAll(readers);
            for (ChatClient reader : readers) {
                for (int i = 0; i < 30; i++) {
                    reader.send("{\"type\":\"load_messages\",\"requestId\":\"l" + i + "\",\"payload\":"
                            + "{\"conversationId\":" + conversation + ",\"limit\":200}}");
                }
            }
            Http.awaitMetric(server.http(), "chat_slow_consumer_closes_total", slowBefore + readers.size(),
                    ChatClient.WAIT.multipliedBy(2));
            assertThat(Http.get(server.http().resolve("/health/ready")).status()).isEqualTo(200);
            assertServesANormalClient();
        } finally {
            abusers.forEach(ChatClient::close);
        }
    }

    /**
     * On Payara every connection writes its frames straight to Tyrus's socket, and none keeps Tyrus's copy of its
     * handshake once open (its headers, parameters and response: {@code rooms.TyrusHandshake}); counted in the
     * heap, against the sessions Tyrus holds, which shows the classes are there under the names looked for.
     */
    @Test
    void anOpenConnectionWritesDirectlyAndKeepsNoCopyOfItsHandshake() {
        List<ChatClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                idle.add(signIn(Tokens.newUserId("idle")));
                idle.add(ChatClient.connectAnonymously(server.endpoint()));
            }
            long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
            while (true) {
                long open = (long) Http.metric(server.http(), "chat_connections_open");
                long sessions = Heap.instances(server.pid(), "org.glassfish.tyrus.core.TyrusSession");
                long direct = Heap.instances(server.pid(), "dev.enterprisechat.rooms.DirectWrites$Direct");
                if (open >= idle.size() && sessions == open && direct == open) {
                    break;
                }
                assertThat(System.nanoTime()).as(open + " open connections, " + sessions + " Tyrus sessions, "
                        + direct + " writing directly").isLessThan(deadline);
            }
            assertThat(Heap.instances(server.pid(), "org.glassfish.tyrus.core.RequestContext")).isZero();
            assertThat(Heap.instances(server.pid(), "org.glassfish.tyrus.core.TyrusUpgradeResponse")).isZero();
            assertThat(Heap.instances(server.pid(),
                    "org.glassfish.tyrus.core.TyrusWebSocketEngine$SuccessfulUpgradeInfo")).isZero();
        } finally {
            idle.forEach(ChatClient::close);
        }
    }

    /** Every Connection object the heap holds is an open connection: closed ones are reachable from nothing. */
    private static void awaitNoClosedConnectionReachable() {
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        while (true) {
            long open = (long) Http.metric(server.http(), "chat_connections_open");
            long held = Heap.instances(server.pid(), "dev.enterprisechat.rooms.Connection");
            if (held == open) {
                return;
            }
            assertThat(System.nanoTime()).as(held + " Connection objects for " + open + " open connections")
                    .isLessThan(deadline);
        }
    }

    @Test
    void noStackTraceReachesTheLogWhateverClientsSend() {
        long mark = server.logLength();
        List<ChatClient> anonymous = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                anonymous.add(ChatClient.connectAnonymously(server.endpoint()));
            }
            ChatClient sloppy = anonymous.get(0);
            String deep = "[".repeat(2000) + "]".repeat(2000);
            for (int i = 0; i < 30; i++) {
                sloppy.send("{\"type\":\"ping\",\"requestId\":\"d\",\"payload\":{\"a\":" + deep + "}}");
                sloppy.send("{\"type\":\"ping\",\"requestId\":\"n\",\"payload\":{\"a\":" + "9".repeat(1200) + "}}");
                sloppy.send("{\"type\":\"ping\",\"requestId\":\"s\",\"payload\":{\"a\":\"\\ud800\\u0000\"}}");
            }
            sloppy.sendBinary(new byte[]{1, 2, 3});
            try (RawSocket raw = RawSocket.open(server.endpoint())) {
                raw.sendTextHeader(5_000_000);
                raw.sendPayload("x".repeat(4_300_000).getBytes(StandardCharsets.US_ASCII));
                assertThat(raw.awaitClose()).isEqualTo("1011 Buffer overflow.");
            }
            for (ChatClient client : anonymous) {
                assertThat(client.awaitClose(Duration.ofSeconds(20))).as("closed at the sign-in deadline")
                        .isEqualTo(4401);
            }
        } finally {
            anonymous.forEach(ChatClient::close);
        }
        assertServesANormalClient();

        String logged = server.logSince(mark);
        assertThat(logged).doesNotContain("\tat ", "SEVERE", "Exception");
    }

    @Test
    void aSendTheDatabaseRefusesFailsAloneAndTheOthersOfItsBatchAreStored() throws SQLException {
        try (Connection db = database(); Statement sql = db.createStatement()) {
            sql.execute("CREATE OR REPLACE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN "
                    + "IF NEW.content = 'poison' THEN RAISE EXCEPTION 'poison refused'; END IF; RETURN NEW; END $$ "
                    + "LANGUAGE plpgsql");
            sql.execute("CREATE TRIGGER refuse_poison BEFORE INSERT ON messages FOR EACH ROW "
                    + "EXECUTE FUNCTION refuse_poison()");
            try {
                sendPoisonAmongOthers();
            } finally {
                sql.execute("DROP TRIGGER refuse_poison ON messages");
                sql.execute("DROP FUNCTION refuse_poison()");
            }
        }
    }

    private static void sendPoisonAmongOthers() {
        int senders = 6;
        int perSender = 30;
        List<ChatClient> clients = IntStream.range(0, senders).mapToObj(i -> signIn(Tokens.newUserId("s")))
                .toList();
        try (ChatClient reader = signIn(Tokens.newUserId("reader"))) {
            long conversation = reader.createGroupWith("batches", clients.toArray(ChatClient[]::new));
            List<List<JsonObject>> answers = Concurrently.run(clients.stream().<Supplier<List<JsonObject>>>map(
                    client -> () -> IntStream.range(0, perSender).mapToObj(n -> client.request("send_message",
                            Payload.of("conversationId", conversation, "content", n % 10 == 5 ? "poison" : "m" + n)))
                            .toList()).toList());

            List<JsonObject> all = answers.stream().flatMap(List::stream).toList();
            assertThat(all).filteredOn(a -> a.getString("type").equals("error"))
                    .hasSize(senders * perSender / 10)
                    .allSatisfy(a -> assertThat(a.getJsonObject("payload").getString("code")).isEqualTo("INTERNAL"));
            int stored = senders * perSender * 9 / 10;
            assertThat(all).filteredOn(a -> a.getString("type").equals("ack")).hasSize(stored);
            List<Long> seqs = IntStream.range(0, stored)
                    .mapToObj(i -> reader.eventPayload("new_message").getJsonObject("message")
                            .getJsonNumber("seq").longValue()).toList();
            assertThat(seqs).as("every stored message delivered, gapless, in order")
                    .isEqualTo(IntStream.rangeClosed(1, stored).mapToObj(i -> (long) i).toList());
            assertThat(server.logContains("storing them one by one")).as("some batch mixed poison and others")
                    .isTrue();
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void readinessFailsWhileAWriterIsStuckAndRecoversWithoutLosingTheMessage() throws Exception {
        try (ChatClient sender = signIn(Tokens.newUserId("stuck"))) {
            long conversation = sender.createGroupWith("stuck");
            CompletableFuture<JsonObject> sent;
            try (Connection db = database()) {
                db.setAutoCommit(false);
                try (Statement lock = db.createStatement()) {
                    lock.execute("SELECT id FROM conversations WHERE id = " + conversation + " FOR UPDATE");
                }
                sent = CompletableFuture.supplyAsync(() -> sender.request("send_message",
                        Payload.of("conversationId", conversation, "content", "waits for the lock")));

                Http.Answer stalled = Http.awaitStatus(server.http().resolve("/health/ready"), 503,
                        ChatClient.WAIT);
                assertThat(stalled.body()).contains("\"writersStalled\":\"true\"");
                db.rollback();
            }
            assertThat(sent.get().getString("type")).isEqualTo("ack");
            assertThat(Http.awaitStatus(server.http().resolve("/health/ready"), 200, ChatClient.WAIT).body())
                    .contains("\"writersStalled\":\"false\"");
        }
    }

    @Test
    void readinessFailsWhenTheHeapStaysFullAfterCollection() {
        Heap.liveBytes(tinyHeapLimit.pid());

        Http.Answer full = Http.awaitStatus(tinyHeapLimit.http().resolve("/health/ready"), 503, ChatClient.WAIT);

        assertThat(full.body()).contains("\"heapOk\":\"false\"", "\"heapAfterGc\":\"0.");
    }

    private static void assertServesANormalClient() {
        try (ChatClient alice = signIn(Tokens.newUserId("alice")); ChatClient bob = signIn(Tokens.newUserId("bob"))) {
            long conversation = alice.createGroupWith("normal", bob);
            alice.ack("send_message", Payload.of("conversationId", conversation, "content", "still fine?"));
            assertThat(bob.eventPayload("new_message").getJsonObject("message").getString("content"))
                    .isEqualTo("still fine?");
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(System.getProperty("test.db.url"), System.getProperty("test.db.user"),
                System.getProperty("test.db.password"));
    }
}
