package dev.enterprisechat.operations;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.ChatDeployment;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Http;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URISyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's view: MicroProfile Health at {@code /health/live} and {@code /health/ready}, and the application's
 * metrics at {@code /metrics} in Prometheus format, following what the server does. (Readiness during a database
 * outage: FaultsIT; in cluster mode: ClusterIT.)
 */
class OperationsIT extends DeployedChat {

    private URI server() throws URISyntaxException {
        return base.toURI().resolve("/");
    }

    @Test
    void healthSaysLiveAndReadyWithTheChecksOfTheApplication() throws Exception {
        Http.Answer live = Http.get(server().resolve("/health/live"));
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.body()).contains("\"name\":\"chat-live\"", "\"status\":\"UP\"", "\"writers\":\"1\"");

        Http.Answer ready = Http.get(server().resolve("/health/ready"));
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("\"name\":\"chat-ready\"", "\"schemaMigrated\":\"true\"",
                "\"databaseReachable\":\"true\"", "\"draining\":\"false\"");
    }

    @Test
    void metricsFollowConnectionsMessagesFanOutAndSync() throws Exception {
        URI server = server();
        double open = Http.metric(server, "chat_connections_open");
        double signedIn = Http.metric(server, "chat_users_signed_in");
        double persisted = Http.metric(server, "chat_messages_persisted_total");
        double fannedOut = Http.metric(server, "chat_events_fanned_out_total");
        double acks = Http.metric(server, "chat_ack_latency_seconds_count");
        double ackSeconds = Http.metric(server, "chat_ack_latency_seconds_sum");
        double syncs = Http.metric(server, "chat_sync_requests_total");

        String alice = Tokens.newUserId("alice");
        ChatClient a = users.connect(alice);
        ChatClient b = users.connect(Tokens.newUserId("bob"));
        ChatClient anonymous = ChatClient.connectAnonymously(endpoint());
        try {
            // an anonymous connection counts from @OnOpen, which may run just after the client's handshake returns
            Http.awaitMetric(server, "chat_connections_open", open + 3, ChatClient.WAIT);
            assertThat(Http.metric(server, "chat_users_signed_in")).isEqualTo(signedIn + 2);

            long conversation = a.createGroupWith("metrics", b);
            double afterSetup = Http.metric(server, "chat_events_fanned_out_total");
            assertThat(afterSetup).isGreaterThan(fannedOut);
            a.ack("send_message", Payload.of("conversationId", conversation, "content", "counted",
                    "clientMessageId", "m1"));
            a.ack("send_message", Payload.of("conversationId", conversation, "content", "counted",
                    "clientMessageId", "m1"));
            b.event("new_message");
            assertThat(Http.metric(server, "chat_messages_persisted_total")).as("a retry is not a new message")
                    .isEqualTo(persisted + 1);
            assertThat(Http.metric(server, "chat_ack_latency_seconds_count")).isEqualTo(acks + 2);
            // in seconds, as deployment.md tells operators (Payara writes the _mean and _max gauges in nanoseconds)
            assertThat(Http.metric(server, "chat_ack_latency_seconds_sum") - ackSeconds).isBetween(1e-6, 30.0);
            Http.awaitMetric(server, "chat_events_fanned_out_total", afterSetup + 1, ChatClient.WAIT);
            assertThat(Http.get(server.resolve("/metrics?scope=application")).body())
                    .contains("chat_ack_latency_seconds_bucket{mp_scope=\"application\",le=\"0.005\"}");

            b.ack("sync", Payload.of("conversations", Json.createArrayBuilder().build()));
            assertThat(Http.metric(server, "chat_sync_requests_total")).isEqualTo(syncs + 1);
        } finally {
            anonymous.close();
            users.close();
        }
        Http.awaitMetric(server, "chat_connections_open", open, ChatClient.WAIT);
        Http.awaitMetric(server, "chat_users_signed_in", signedIn, ChatClient.WAIT);
    }

    private URI endpoint() {
        return ChatDeployment.endpoint(base);
    }
}
