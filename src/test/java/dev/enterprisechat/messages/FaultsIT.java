package dev.enterprisechat.messages;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Concurrently;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.ServerProcess;
import dev.enterprisechat.testsupport.TcpProxy;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults, on a server started as operators start it, whose database connections pass through a proxy the test
 * can cut: a database outage, and a client that stops reading.
 */
class FaultsIT {

    private static final int MAX_PENDING = 64;
    /** Long enough for any commit of this test class on a busy machine, short enough to wait for. */
    private static final Duration WRITER_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    static Path workDir;

    private static TcpProxy database;
    private static ServerProcess server;

    @BeforeAll
    static void serverBehindAProxiedDatabase() {
        URI postgres = URI.create(System.getProperty("test.db.url").substring("jdbc:".length()));
        database = TcpProxy.to(postgres.getHost(), postgres.getPort());
        server = ServerProcess.start(ServerProcess.freePort(), workDir, Map.of(
                "DB_URL", "jdbc:postgresql://127.0.0.1:" + database.port() + postgres.getPath(),
                "CHAT_CONNECTION_MAX_PENDING_FRAMES", String.valueOf(MAX_PENDING),
                "CHAT_RATE_LIMIT_BURST", "100000",
                "CHAT_RATE_LIMIT_PER_SECOND", "100000",
                "CHAT_HEARTBEAT_INTERVAL", "5m",
                "CHAT_WRITER_TIMEOUT", WRITER_TIMEOUT.toSeconds() + "s"), "faults");
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    @Test
    void aDatabaseOutageFailsSendsRetryablyAndLosesNothingAcknowledged() {
        try (ChatClient alice = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId("a")).sign());
             ChatClient bob = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId("b")).sign())) {
            long conversation = alice.createGroupWith("outage", bob);
            List<JsonObject> acked = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acked.add(alice.ack("send_message", send(conversation, "before-" + i)).getJsonObject("message"));
            }

            assertThat(Http.get(server.http().resolve("/health/ready")).status()).isEqualTo(200);
            database.cut();
            Http.Answer notReady = Http.awaitStatus(server.http().resolve("/health/ready"), 503, ChatClient.WAIT);
            assertThat(notReady.body()).contains("\"name\":\"chat-ready\"", "\"databaseReachable\":\"false\"");
            assertThat(Http.get(server.http().resolve("/health/live")).status())
                    .as("an outage is no reason to restart the server").isEqualTo(200);
            for (int attempt = 0; attempt < 3; attempt++) {
                JsonObject refused = alice.error("send_message", send(conversation, "during"));
                assertThat(refused.getString("code")).isEqualTo("UNAVAILABLE");
                assertThat(refused.getBoolean("retryable")).isTrue();
            }
            alice.barrier();
            database.restore();
            Http.awaitStatus(server.http().resolve("/health/ready"), 200, ChatClient.WAIT);

            JsonObject stored = alice.ack("send_message", send(conversation, "during")).getJsonObject("message");
            JsonObject retried = alice.ack("send_message", send(conversation, "during")).getJsonObject("message");
            acked.add(stored);

            assertThat(retried).isEqualTo(stored);
            assertThat(stored.getInt("seq")).isEqualTo(6);
            List<JsonObject> announced = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                announced.add(bob.eventPayload("new_message").getJsonObject("message"));
            }
            assertThat(announced).containsExactlyElementsOf(acked);
            assertThat(bob.hasEvent("new_message")).as("announced once").isFalse();
            assertThat(bob.ack("load_messages", Payload.of("conversationId", conversation))
                    .getJsonArray("messages").getValuesAs(JsonObject.class)).containsExactlyElementsOf(acked);
        }
    }

    @Test
    void aWriterHeldUpAnswersUnavailableInTimeAndItsLateCommitIsWhatARetryGets() throws SQLException {
        try (ChatClient alice = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId("a")).sign());
             ChatClient bob = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId("b")).sign());
             Connection db = DriverManager.getConnection(System.getProperty("test.db.url"),
                     System.getProperty("test.db.user"), System.getProperty("test.db.password", ""))) {
            long conversation = alice.createGroupWith("held up", bob);
            JsonObject first = alice.ack("send_message", send(conversation, "first")).getJsonObject("message");
            assertThat(bob.eventPayload("new_message").getJsonObject("message")).isEqualTo(first);

            // the writer of this conversation waits for the row lock this transaction holds
            db.setAutoCommit(false);
            try (PreparedStatement lock = db.prepareStatement("SELECT id FROM conversations WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, conversation);
                lock.executeQuery().close();
            }
            long asked = System.nanoTime();
            JsonObject late = alice.error("send_message", send(conversation, "held"));
            Duration waited = Duration.ofNanos(System.nanoTime() - asked);
            assertThat(late.getString("code")).isEqualTo("UNAVAILABLE");
            assertThat(late.getString("message"))
                    .isEqualTo("the message was not stored in time; send it again with the same clientMessageId");
            assertThat(late.getBoolean("retryable")).isTrue();
            assertThat(waited).as("answered after the timeout, not before").isGreaterThanOrEqualTo(WRITER_TIMEOUT);
            JsonObject lateChange = alice.error("edit_message",
                    Payload.of("conversationId", conversation, "seq", 1, "content", "edited"));
            assertThat(lateChange.getString("code")).isEqualTo("UNAVAILABLE");
            assertThat(lateChange.getString("message"))
                    .isEqualTo("the change was not stored in time; send it again (changes are safe to repeat)");
            assertThat(bob.hasEvent("new_message")).as("nothing stored while the lock is held").isFalse();

            db.rollback();
            // the writer went on once the lock was let go: the send is stored after all, once
            JsonObject stored = bob.eventPayload("new_message").getJsonObject("message");
            assertThat(stored.getString("clientMessageId")).isEqualTo("held");
            assertThat(stored.getInt("seq")).isEqualTo(2);
            assertThat(alice.ack("send_message", send(conversation, "held")).getJsonObject("message"))
                    .as("the retry is answered with the message stored late").isEqualTo(stored);
            assertThat(bob.eventPayload("message_updated").getJsonObject("message").getString("content"))
                    .isEqualTo("edited");
            assertThat(bob.hasEvent("new_message")).as("stored once").isFalse();
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutHurtingTheOthers() {
        String owner = Tokens.newUserId("owner");
        List<ChatClient> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            senders.add(ChatClient.signIn(server.endpoint(), Tokens.forUser(owner).sign()));
        }
        String slow = Tokens.newUserId("s");
        try (ChatClient reader = ChatClient.signIn(server.endpoint(), Tokens.forUser(Tokens.newUserId("r")).sign());
             ChatClient stalled = ChatClient.signIn(server.endpoint(), Tokens.forUser(slow).sign())) {
            long conversation = senders.get(0).createGroupWith("flood", reader, stalled);
            double slowClosesBefore = Http.metric(server.http(), "chat_slow_consumer_closes_total");

            stalled.stopReading();
            // 3000 frames of ~4 KB: far more than the socket buffers of loopback hold, so frames back up
            int perSender = 750;
            String big = "x".repeat(4000);
            Concurrently.run(senders.stream().<Supplier<Integer>>map(sender -> () -> {
                for (int n = 0; n < perSender; n++) {
                    sender.ack("send_message", Payload.of("conversationId", conversation, "content", big));
                }
                return perSender;
            }).toList());

            int total = perSender * senders.size();
            List<Integer> received = new ArrayList<>(total);
            for (int i = 0; i < total; i++) {
                received.add(reader.eventPayload("new_message").getJsonObject("message").getInt("seq"));
            }
            assertThat(received).as("the reading client got everything, in order")
                    .isEqualTo(IntStream.rangeClosed(1, total).boxed().toList());
            // the server let go of the stalled connection while it was stalled: its user went offline
            JsonObject offline = reader.eventPayload("presence");
            assertThat(offline.getString("userId")).isEqualTo(slow);
            assertThat(offline.getString("status")).isEqualTo("offline");
            assertThat(server.logContains("too slow")).isTrue();
            assertThat(Http.metric(server.http(), "chat_slow_consumer_closes_total"))
                    .isEqualTo(slowClosesBefore + 1);
            // a client that never reads never answers the close either: the server drops its socket
            server.awaitLog("Dropped connection", ChatClient.WAIT);
            stalled.resumeReading();
            // 4408 when the close frame got through the backed-up pipe before the drop; 1006 otherwise
            assertThat(stalled.awaitClose(ChatClient.WAIT)).as("reconnect and sync").isIn(4408, 1006);
        } finally {
            senders.forEach(ChatClient::close);
        }
    }

    private static JsonObject send(long conversation, String clientMessageId) {
        return Payload.of("conversationId", conversation, "content", clientMessageId,
                "clientMessageId", clientMessageId);
    }
}
