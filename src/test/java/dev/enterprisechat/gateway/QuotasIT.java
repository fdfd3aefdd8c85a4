package dev.enterprisechat.gateway;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.ChatDeployment;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one user, or one address before signing in, may hold or create: connections per user (20), anonymous
 * connections per address (50), groups (20) and conversations (100) per hour, failed joins (10) per minute. The
 * defaults, as the deployment runs them.
 */
class QuotasIT extends DeployedChat {

    @Test
    void aUserMayHoldTwentyConnectionsAndIsRefusedMoreOnTheHandshakeAndOnAuth() {
        String user = Tokens.newUserId("many");
        String token = Tokens.forUser(user).sign();
        List<ChatClient> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add(users.connect(user));
        }

        assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1", "bearer." + token))).isEqualTo(429);
        try (ChatClient anonymous = ChatClient.connectAnonymously(endpoint())) {
            assertError(anonymous.error("auth", Payload.of("token", token)), "RATE_LIMITED",
                    "too many connections for this user: at most 20");
            assertThat(anonymous.ack("ping", Payload.of()).getString("serverTime")).as("still open").isNotBlank();

            twenty.get(0).close();
            assertThat(authOnceFree(anonymous, token).getString("userId")).isEqualTo(user);
        }
    }

    @Test
    void anAddressMayHoldFiftyAnonymousConnections() {
        List<ChatClient> anonymous = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                anonymous.add(ChatClient.connectAnonymously(endpoint()));
            }
            // the client sees the upgrade a moment before the server has counted the connection
            long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
            while (Http.metric(metrics(), "chat_connections_open") < 50) {
                assertThat(System.nanoTime()).as("the server counts the 50 connections").isLessThan(deadline);
            }

            assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1"))).isEqualTo(429);
            String token = Tokens.forUser(Tokens.newUserId("signed")).sign();
            assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1", "bearer." + token)))
                    .as("signed-in handshakes do not count").isEqualTo(101);

            anonymous.get(0).ack("auth", Payload.of("token", token));
            assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1")))
                    .as("a connection that signed in is no longer anonymous").isEqualTo(101);
        } finally {
            anonymous.forEach(ChatClient::close);
        }
    }

    @Test
    void aUserMayCreateTwentyGroupsAnHour() {
        ChatClient client = users.connect(Tokens.newUserId("founder"));
        for (int i = 0; i < 20; i++) {
            client.ack("create_group", Payload.of("name", "g" + i));
        }

        JsonObject refused = client.error("create_group", Payload.of("name", "one too many"));

        assertError(refused, "RATE_LIMITED", "too many groups created: at most 20 an hour");
        assertThat(refused.getBoolean("retryable")).isTrue();
        assertThat(users.connect(Tokens.newUserId("other")).ack("create_group", Payload.of("name", "mine")))
                .as("a quota per user").isNotNull();
    }

    @Test
    void aUserMayStartAHundredConversationsAnHourAndStillOpenExistingOnes() {
        String bob = Tokens.newUserId("bob");
        users.connect(bob);
        String starter = Tokens.newUserId("starter");
        ChatClient first = users.connect(starter);
        ChatClient second = users.connect(starter);
        JsonObject direct = first.ack("create_conversation", Payload.of("participantIds", List.of(bob)))
                .getJsonObject("conversation");
        for (int i = 1; i < 100; i++) {
            (i % 2 == 0 ? first : second).ack("create_conversation", Payload.of("participantIds", List.of(bob),
                    "title", "t" + i));
        }

        assertError(first.error("create_conversation", Payload.of("participantIds", List.of(bob), "title", "more")),
                "RATE_LIMITED", "too many conversations started: at most 100 an hour");
        assertThat(second.ack("create_conversation", Payload.of("participantIds", List.of(bob)))
                .getJsonObject("conversation").getJsonNumber("id")).as("the existing direct conversation")
                .isEqualTo(direct.getJsonNumber("id"));
    }

    @Test
    void failedJoinsAreBoundedPerUserWhateverTheConnection() {
        String guesser = Tokens.newUserId("guesser");
        ChatClient one = users.connect(guesser);
        ChatClient two = users.connect(guesser);
        String code = users.connect(Tokens.newUserId("owner")).ack("create_group", Payload.of("name", "secret"))
                .getJsonObject("group").getString("inviteCode");
        for (int i = 0; i < 10; i++) {
            assertError((i % 2 == 0 ? one : two).error("join_group", Payload.of("inviteCode", "guess" + i)),
                    "NOT_FOUND", "no group has this invite code");
        }

        assertError(two.error("join_group", Payload.of("inviteCode", code)), "RATE_LIMITED",
                "too many failed join attempts: at most 10 a minute");
        assertThat(users.connect(Tokens.newUserId("invited")).ack("join_group", Payload.of("inviteCode", code)))
                .as("a quota per user").isNotNull();
    }

    private URI metrics() {
        return URI.create("http://127.0.0.1:" + base.getPort() + "/");
    }

    private URI endpoint() {
        return ChatDeployment.endpoint(base);
    }

    /** The server sees a closed connection a moment after the client: auth is sent again until it is let in. */
    private static JsonObject authOnceFree(ChatClient anonymous, String token) {
        long deadline = System.nanoTime() + ChatClient.WAIT.toNanos();
        while (true) {
            JsonObject answer = anonymous.request("auth", Payload.of("token", token));
            if (answer.getString("type").equals("ack")) {
                return answer.getJsonObject("payload");
            }
            assertThat(System.nanoTime()).as("a closed connection frees its slot: " + answer).isLessThan(deadline);
        }
    }
}
