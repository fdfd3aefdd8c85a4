package dev.enterprisechat.protocol;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The envelope contract: malformed frames, unknown types, oversize frames, rate limits, one answer per request. */
class ProtocolIT extends DeployedChat {

    @Test
    void answersMalformedFramesAndStaysUsable() {
        ChatClient client = users.connect(Tokens.newUserId("sloppy"));

        assertUnanswerable(client, "{not json", "frame is not valid JSON");
        assertUnanswerable(client, "[1,2]", "frame must be a JSON object");
        assertUnanswerable(client, "{\"type\":\"ping\",\"payload\":{}}", "requestId is required");
        assertUnanswerable(client, "{\"type\":\"ping\",\"requestId\":7}", "requestId must be a string");
        assertUnanswerable(client, "{\"type\":\"ping\",\"requestId\":\"" + "r".repeat(65) + "\"}",
                "requestId must be 1 to 64 characters");
        assertAnswered(client, "{\"requestId\":\"q1\",\"payload\":{}}", "q1", "BAD_REQUEST",
                "type must be a non-empty string");
        assertAnswered(client, "{\"type\":\"ping\",\"requestId\":\"q2\",\"payload\":[]}", "q2", "BAD_REQUEST",
                "payload must be an object");
        assertAnswered(client, "{\"type\":\"no_such_thing\",\"requestId\":\"q3\"}", "q3", "UNKNOWN_TYPE",
                "unknown type: no_such_thing");

        assertThat(client.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
    }

    @Test
    void answersBinaryFramesWithAnErrorAndStaysUsable() {
        ChatClient client = users.connect(Tokens.newUserId("binary"));
        client.sendBinary(new byte[]{1, 2, 3});
        JsonObject error = client.event("error");
        assertThat(error.get("requestId")).isEqualTo(JsonValue.NULL);
        assertThat(error.getJsonObject("payload").getString("code")).isEqualTo("BAD_REQUEST");
        assertThat(error.getJsonObject("payload").getString("message"))
                .isEqualTo("binary frames are not supported: send JSON text frames");
        client.barrier();
    }

    @Test
    void refusesTextAfterTheJsonObject() {
        ChatClient client = users.connect(Tokens.newUserId("trailing"));
        assertUnanswerable(client, "{\"type\":\"ping\",\"requestId\":\"t1\"} trailing", "frame is not valid JSON");
        assertUnanswerable(client, "{\"type\":\"ping\",\"requestId\":\"t2\"}{\"type\":\"ping\"}",
                "frame is not valid JSON");
    }

    @Test
    void acceptsFramesWithoutPayloadOrTimestamp() {
        ChatClient client = users.connect(Tokens.newUserId("terse"));
        client.send("{\"type\":\"ping\",\"requestId\":\"bare\"}");
        JsonObject answer = client.event("ack");
        assertThat(answer.getString("requestId")).isEqualTo("bare");
        assertThat(answer.getJsonObject("payload").getString("serverTime")).isNotBlank();
    }

    @Test
    void closesConnectionThatSendsAnOversizeFrameWithoutHurtingOthers() {
        ChatClient bystander = users.connect(Tokens.newUserId("calm"));
        ChatClient offender = users.connect(Tokens.newUserId("big"));

        offender.send("{\"type\":\"ping\",\"requestId\":\"big\",\"payload\":{\"x\":\"" + "x".repeat(70_000) + "\"}}");

        assertThat(offender.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
        assertThat(bystander.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
    }

    @Test
    void refusesOversizeContentInAFrameUnderTheLimitAndStaysOpen() {
        ChatClient client = users.connect(Tokens.newUserId("long"));
        long conversation = client.ack("create_group", Payload.of("name", "g")).getJsonObject("group")
                .getJsonNumber("conversationId").longValue();
        JsonObject error = client.error("send_message", Payload.of("conversationId", conversation,
                "content", "y".repeat(60_000)));
        assertThat(error.getString("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        client.barrier();
    }

    @Test
    void answersEveryPipelinedRequestExactlyOnceAndRateLimitsFloods() {
        ChatClient client = users.connect(Tokens.newUserId("flood"));
        int requests = 400;
        for (int i = 0; i < requests; i++) {
            client.send("{\"type\":\"ping\",\"requestId\":\"p" + i + "\",\"payload\":{}}");
        }
        Map<String, JsonObject> answers = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            JsonObject frame = client.next();
            assertThat(answers.put(frame.getString("requestId"), frame)).as("answered twice").isNull();
        }
        assertThat(answers).hasSize(requests);
        // the default budget is a burst of 100 then 50/s: most of 400 back-to-back pings are refused
        assertThat(answers.values()).filteredOn(f -> f.getString("type").equals("ack")).hasSizeGreaterThanOrEqualTo(100);
        assertThat(answers.values()).filteredOn(f -> f.getString("type").equals("error"))
                .isNotEmpty()
                .allSatisfy(f -> {
                    assertThat(f.getJsonObject("payload").getString("code")).isEqualTo("RATE_LIMITED");
                    assertThat(f.getJsonObject("payload").getString("message")).isEqualTo("too many requests, slow down");
                });
    }

    private static void assertUnanswerable(ChatClient client, String frame, String message) {
        client.send(frame);
        JsonObject error = client.event("error");
        assertThat(error.get("requestId")).as(frame).isEqualTo(JsonValue.NULL);
        assertThat(error.getJsonObject("payload").getString("code")).isEqualTo("BAD_REQUEST");
        assertThat(error.getJsonObject("payload").getString("message")).isEqualTo(message);
    }

    private static void assertAnswered(ChatClient client, String frame, String requestId, String code,
                                       String message) {
        client.send(frame);
        JsonObject error = client.event("error");
        assertThat(error.getString("requestId")).isEqualTo(requestId);
        assertThat(error.getJsonObject("payload").getString("code")).isEqualTo(code);
        assertThat(error.getJsonObject("payload").getString("message")).isEqualTo(message);
    }
}
