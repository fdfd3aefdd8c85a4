package dev.enterprisechat.storage;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.ServerProcess;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runnable jar as operators use it: {@code java -jar target/chat-server.jar --port N} serves the endpoint at
 * the root context, stopping it tells clients to reconnect (1001), and what was acknowledged survives a restart,
 * on PostgreSQL and on the embedded database.
 */
class RestartIT {

    @TempDir
    Path workDir;

    @Test
    void acknowledgedMessagesRetriesAndCatchUpSurviveARestartOnPostgresql() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        String lena = Tokens.newUserId("lena");
        int port = ServerProcess.freePort();
        long direct;
        long group;
        JsonObject sent;
        try (ServerProcess server = ServerProcess.start(port, workDir, Map.of(), "restart-pg");
             ChatClient a = ChatClient.signIn(server.endpoint(), Tokens.forUser(alice).sign());
             ChatClient b = ChatClient.signIn(server.endpoint(), Tokens.forUser(bob).sign())) {
            direct = a.directConversationWith(bob);
            JsonObject created = a.ack("create_group", Payload.of("name", "g")).getJsonObject("group");
            group = created.getJsonNumber("conversationId").longValue();
            try (ChatClient away = ChatClient.signIn(server.endpoint(), Tokens.forUser(lena).sign())) {
                away.ack("join_group", Payload.of("inviteCode", created.getString("inviteCode")));
                a.ack("send_message", Payload.of("conversationId", group, "content", "seen by lena"));
                away.event("new_message");
            }
            sent = a.ack("send_message", Payload.of("conversationId", direct, "content", "before restart",
                    "clientMessageId", "m-1")).getJsonObject("message");
            b.event("new_message");
            a.ack("send_message", Payload.of("conversationId", group, "content", "missed 1"));
            a.ack("send_message", Payload.of("conversationId", group, "content", "missed 2"));

            server.stop();

            for (ChatClient client : List.of(a, b)) {
                JsonObject closing = client.eventPayload("connection_status");
                assertThat(closing.getString("status")).isEqualTo("closing");
                assertThat(closing.getString("reason")).isEqualTo("server shutting down");
                assertThat(client.awaitClose(Duration.ofSeconds(10))).as("going away: reconnect").isEqualTo(1001);
            }
        }

        try (ServerProcess server = ServerProcess.start(port, workDir, Map.of(), "restart-pg-2");
             ChatClient b = ChatClient.signIn(server.endpoint(), Tokens.forUser(bob).sign());
             ChatClient a = ChatClient.signIn(server.endpoint(), Tokens.forUser(alice).sign());
             ChatClient back = ChatClient.signIn(server.endpoint(), Tokens.forUser(lena).sign())) {
            JsonObject retried = a.ack("send_message", Payload.of("conversationId", direct,
                    "content", "before restart", "clientMessageId", "m-1")).getJsonObject("message");
            assertThat(retried).as("a retry after the restart gets the original").isEqualTo(sent);
            assertThat(b.hasEvent("new_message")).as("and announces nothing").isFalse();
            assertThat(b.ack("load_messages", Payload.of("conversationId", direct)).getJsonArray("messages"))
                    .containsExactly(sent);

            JsonObject synced = back.ack("sync", Payload.of("conversations", Json.createArrayBuilder()
                    .add(Json.createObjectBuilder().add("conversationId", group).add("afterSeq", 1)).build()));
            assertThat(synced.getJsonArray("conversations")).hasSize(1);
            assertThat(synced.getJsonArray("conversations").getJsonObject(0).getJsonArray("messages")
                    .getValuesAs(JsonObject.class)).extracting(m -> m.getString("content"))
                    .containsExactly("missed 1", "missed 2");

            JsonObject next = b.ack("send_message", Payload.of("conversationId", direct, "content", "after"))
                    .getJsonObject("message");
            assertThat(next.getInt("seq")).isEqualTo(2);
        }
    }

    /** What a newcomer runs: no database, no identity provider, development mode (tokens from the server). */
    @Test
    void startsOnAnEmbeddedDatabaseInDevelopmentModeWhenNothingIsConfigured() throws Exception {
        Map<String, String> nothingConfigured = new HashMap<>();
        for (String variable : List.of("DB_URL", "DB_USER", "DB_PASSWORD", "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                "MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_AUDIENCES")) {
            nothingConfigured.put(variable, null);
        }
        nothingConfigured.put("CHAT_DEV_MODE", "true");
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        int port = ServerProcess.freePort();
        try (ServerProcess server = ServerProcess.start(port, workDir, nothingConfigured, "embedded");
             ChatClient a = ChatClient.signIn(server.endpoint(), devToken(port, alice, "Alice"));
             ChatClient b = ChatClient.signIn(server.endpoint(), devToken(port, bob, null))) {
            assertThat(server.logContains("NO DATABASE CONFIGURED")).isTrue();
            assertThat(server.logContains("DEVELOPMENT MODE")).isTrue();
            assertThat(a.ack("ping", Payload.of()).containsKey("serverTime")).isTrue();
            assertThat(ChatClient.handshakeStatus(server.endpoint(),
                    List.of("chat.v1", "bearer." + Tokens.forUser(alice).sign())))
                    .as("tokens of other issuers are refused").isEqualTo(401);
            assertThat(devTokenAnswer(port, "{\"name\":\"x\"}"))
                    .isEqualTo("400 {\"error\":\"userId must be 1 to 255 characters\"}");
            assertThat(devTokenAnswer(port, "{\"userId\":\"" + "u".repeat(256) + "\"}"))
                    .isEqualTo("400 {\"error\":\"userId must be 1 to 255 characters\"}");
            assertThat(devTokenAnswer(port, "{\"userId\":\"a\",\"name\":\"" + "n".repeat(256) + "\"}"))
                    .isEqualTo("400 {\"error\":\"name must be at most 255 characters\"}");
            String notJson = "400 {\"error\":\"the body must be a JSON object with string fields, such as "
                    + "{\\\"userId\\\":\\\"alice\\\",\\\"name\\\":\\\"Alice\\\"}\"}";
            assertThat(devTokenAnswer(port, "alice")).isEqualTo(notJson);
            assertThat(devTokenAnswer(port, "{\"userId\":42}")).isEqualTo(notJson);
            assertThat(devTokenAnswer(port, "[1]")).isEqualTo(notJson);
            JsonObject group = a.ack("create_group", Payload.of("name", "local")).getJsonObject("group");
            long conversation = group.getJsonNumber("conversationId").longValue();
            b.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")));
            assertThat(b.ack("join_group", Payload.of("inviteCode", group.getString("inviteCode")))
                    .getJsonObject("group").getInt("memberCount")).isEqualTo(2);
            JsonObject sent = a.ack("send_message", Payload.of("conversationId", conversation, "content", "kept"))
                    .getJsonObject("message");
            assertThat(b.ack("load_messages", Payload.of("conversationId", conversation))
                    .getJsonArray("messages")).containsExactly(sent);
            long direct = a.directConversationWith(bob);
            assertThat(b.directConversationWith(alice)).isEqualTo(direct);
        }
        assertThat(Files.exists(workDir.resolve("chat-data/chat.mv.db"))).isTrue();
    }

    private static String devToken(int port, String userId, String name) {
        var body = Json.createObjectBuilder().add("userId", userId);
        if (name != null) {
            body.add("name", name);
        }
        Http.Answer answer = postDevToken(port, body.build().toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonObject issued = Json.createReader(new StringReader(answer.body())).readObject();
        assertThat(Instant.parse(issued.getString("expiresAt"))).isAfter(Instant.now().plusSeconds(3000));
        return issued.getString("token");
    }

    private static String devTokenAnswer(int port, String body) {
        Http.Answer answer = postDevToken(port, body);
        return answer.status() + " " + answer.body();
    }

    private static Http.Answer postDevToken(int port, String body) {
        return Http.postJson(URI.create("http://127.0.0.1:" + port + "/api/dev/token"), body);
    }
}
