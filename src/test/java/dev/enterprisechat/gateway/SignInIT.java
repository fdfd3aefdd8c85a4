package dev.enterprisechat.gateway;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.ChatDeployment;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sign-in: the three ways to present a token, the handshake refusals, expiry and refresh. */
class SignInIT extends DeployedChat {

    private URI endpoint() {
        return ChatDeployment.endpoint(base);
    }

    @Test
    void signsInWithBearerSubprotocolAndSelectsChatV1() {
        String user = Tokens.newUserId("alice");
        try (ChatClient client = ChatClient.connect(endpoint(), Tokens.forUser(user).sign())) {
            assertThat(client.subprotocol()).isEqualTo("chat.v1");
            JsonObject event = client.event("connection_status");
            assertThat(event.get("requestId")).isEqualTo(JsonValue.NULL);
            assertThat(event.getString("timestamp")).isNotBlank();
            JsonObject status = event.getJsonObject("payload");
            assertThat(status.getString("status")).isEqualTo("authenticated");
            assertThat(status.getString("userId")).isEqualTo(user);
            assertThat(status.getString("connectionId")).isNotBlank();
        }
    }

    @Test
    void signsInWithQueryParameterToken() {
        String user = Tokens.newUserId("query");
        try (ChatClient client = ChatClient.connectWithQueryToken(endpoint(), Tokens.forUser(user).sign())) {
            JsonObject status = client.eventPayload("connection_status");
            assertThat(status.getString("status")).isEqualTo("authenticated");
            assertThat(status.getString("userId")).isEqualTo(user);
        }
    }

    @Test
    void signsInWithEs256Token() {
        String user = Tokens.newUserId("ec");
        try (ChatClient client = ChatClient.signIn(endpoint(), Tokens.forUser(user).es256().sign())) {
            assertThat(client.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("conversations"))
                    .isEmpty();
        }
    }

    @Test
    void signsInWithAuthRequestAfterAnonymousOpen() {
        String user = Tokens.newUserId("late");
        Instant expiry = Instant.now().plusSeconds(3600);
        try (ChatClient client = ChatClient.connectAnonymously(endpoint())) {
            assertThat(client.eventPayload("connection_status").getString("status")).isEqualTo("unauthenticated");

            JsonObject ack = client.ack("auth", Payload.of("token", Tokens.forUser(user).expiresAt(expiry).sign()));

            assertThat(ack.getString("userId")).isEqualTo(user);
            assertThat(Instant.parse(ack.getString("expiresAt")).getEpochSecond()).isEqualTo(expiry.getEpochSecond());
            JsonObject status = client.eventPayload("connection_status");
            assertThat(status.getString("status")).isEqualTo("authenticated");
            assertThat(status.getString("userId")).isEqualTo(user);
            client.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT);
        }
    }

    @Test
    void servesOnlyAuthAndPingBeforeSignIn() {
        try (ChatClient client = ChatClient.connectAnonymously(endpoint())) {
            assertThat(client.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
            for (String type : List.of("load_conversations", "create_group", "send_message", "no_such_type")) {
                JsonObject error = client.error(type, JsonValue.EMPTY_JSON_OBJECT);
                assertThat(error.getString("code")).as(type).isEqualTo("UNAUTHORIZED");
                assertThat(error.getString("message")).isEqualTo("sign in first: send auth with a token");
            }
        }
    }

    @Test
    void closesAnonymousConnectionAfterSignInTimeout() {
        // the tests run the server with CHAT_AUTH_TIMEOUT=3s
        try (ChatClient client = ChatClient.connectAnonymously(endpoint())) {
            assertThat(client.awaitClose(Duration.ofSeconds(20))).isEqualTo(4401);
        }
    }

    @Test
    void handsOutNoDevelopmentTokensUnlessInDevelopmentMode() throws Exception {
        Http.Answer answer = Http.postJson(base.toURI().resolve("api/dev/token"), "{\"userId\":\"alice\"}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"development mode is off\"}");
        assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1", "bearer."
                + Tokens.forUser(Tokens.newUserId("dev")).issuer("chat-dev").signWithForeignKey())))
                .isEqualTo(401);
    }

    @Test
    void refusesHandshakeWithInvalidTokens() {
        String user = Tokens.newUserId("mallory");
        Map<String, String> badTokens = new LinkedHashMap<>();
        badTokens.put("bad signature", Tokens.forUser(user).signWithForeignKey());
        badTokens.put("expired", Tokens.forUser(user).expiresAt(Instant.now().minusSeconds(120)).sign());
        badTokens.put("not yet valid", Tokens.forUser(user).notBefore(Instant.now().plusSeconds(600)).sign());
        badTokens.put("wrong issuer", Tokens.forUser(user).issuer("https://evil.example").sign());
        badTokens.put("wrong audience", Tokens.forUser(user).audience("another-app").sign());
        badTokens.put("alg none", Tokens.forUser(user).unsigned());
        badTokens.put("HS256 with the public key", Tokens.forUser(user).signWithHmacOfPublicKey());
        badTokens.put("no sub", Tokens.forUser(user).withoutSubject().sign());
        badTokens.put("garbage", "not.a.jwt");
        badTokens.forEach((why, token) -> {
            assertThat(ChatClient.handshakeStatus(endpoint(), List.of("chat.v1", "bearer." + token)))
                    .as(why).isEqualTo(401);
            assertThat(ChatClient.handshakeStatus(URI.create(endpoint() + "?access_token=" + token),
                    List.of("chat.v1"))).as(why + " (query)").isEqualTo(401);
        });
    }

    @Test
    void answersInvalidAuthTokenWithUnauthorizedAndStaysOpen() {
        String user = Tokens.newUserId("retry");
        try (ChatClient client = ChatClient.connectAnonymously(endpoint())) {
            client.event("connection_status");
            JsonObject expired = client.error("auth", Payload.of("token",
                    Tokens.forUser(user).expiresAt(Instant.now().minusSeconds(120)).sign()));
            assertThat(expired.getString("code")).isEqualTo("UNAUTHORIZED");
            assertThat(expired.getString("message")).isEqualTo("token has expired");
            assertThat(client.error("auth", Payload.of("token", Tokens.forUser(user).unsigned()))
                    .getString("message")).isEqualTo("unsigned tokens are not accepted");
            assertThat(client.error("auth", Payload.of("token", Tokens.forUser(user).signWithForeignKey()))
                    .getString("message")).isEqualTo("token signature is not valid");
            assertThat(client.error("auth", Payload.of("token", Tokens.forUser(user).issuer("https://x").sign()))
                    .getString("message")).isEqualTo("token issuer is not accepted");
            assertThat(client.error("auth", JsonValue.EMPTY_JSON_OBJECT).getString("code")).isEqualTo("BAD_REQUEST");

            assertThat(client.ack("auth", Payload.of("token", Tokens.forUser(user).sign())).getString("userId"))
                    .isEqualTo(user);
        }
    }

    @Test
    void closesConnectionWhenItsTokenExpires() {
        String user = Tokens.newUserId("short");
        String token = Tokens.forUser(user).expiresAt(Instant.now().plusSeconds(3)).sign();
        try (ChatClient client = ChatClient.signIn(endpoint(), token)) {
            assertThat(client.awaitClose(Duration.ofSeconds(20))).isEqualTo(4401);
        }
    }

    @Test
    void freshTokenSentBeforeExpiryKeepsConnectionOpen() {
        String user = Tokens.newUserId("refresh");
        Instant soon = Instant.now().plusSeconds(3);
        try (ChatClient client = ChatClient.signIn(endpoint(), Tokens.forUser(user).expiresAt(soon).sign())) {
            Instant later = Instant.now().plusSeconds(3600);
            JsonObject ack = client.ack("auth", Payload.of("token", Tokens.forUser(user).expiresAt(later).sign()));
            assertThat(Instant.parse(ack.getString("expiresAt")).getEpochSecond()).isEqualTo(later.getEpochSecond());

            // past the first token's expiry, the connection must still be open
            assertThatThrownBy(() -> client.awaitClose(Duration.ofSeconds(6))).isInstanceOf(AssertionError.class);
            client.barrier();
        }
    }

    @Test
    void refusesTokenOfAnotherUserOnSignedInConnection() {
        try (ChatClient client = ChatClient.signIn(endpoint(), Tokens.forUser(Tokens.newUserId("one")).sign())) {
            JsonObject error = client.error("auth", Payload.of("token",
                    Tokens.forUser(Tokens.newUserId("two")).sign()));
            assertThat(error.getString("code")).isEqualTo("FORBIDDEN");
            client.barrier();
        }
    }

    @Test
    void displayNameComesFromTokenAndFollowsItsChanges() {
        String alice = Tokens.newUserId("alice");
        String bob = Tokens.newUserId("bob");
        try (ChatClient first = ChatClient.signIn(endpoint(), Tokens.forUser(alice).name("Alice A.").sign());
             ChatClient b = ChatClient.signIn(endpoint(), Tokens.forUser(bob).sign())) {
            JsonObject created = b.ack("create_conversation", Payload.of("participantIds", List.of(alice)))
                    .getJsonObject("conversation");
            assertThat(displayNameOf(created, alice)).isEqualTo("Alice A.");
            assertThat(displayNameOf(created, bob)).isEqualTo(bob);

            try (ChatClient again = ChatClient.signIn(endpoint(), Tokens.forUser(alice).name("Alice B.").sign())) {
                JsonObject reloaded = b.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT)
                        .getJsonArray("conversations").getJsonObject(0);
                assertThat(displayNameOf(reloaded, alice)).isEqualTo("Alice B.");
            }
        }
    }

    private static String displayNameOf(JsonObject conversation, String user) {
        return conversation.getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("userId").equals(user)).findFirst().orElseThrow()
                .getString("displayName");
    }
}
