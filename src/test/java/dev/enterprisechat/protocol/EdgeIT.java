package dev.enterprisechat.protocol;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.ChatDeployment;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.RawSocket;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the edge refuses before anything reaches storage or another user: text that is not valid Unicode or holds
 * NUL, deep nesting, long numbers, messages over the frame limit (whole or in fragments), floods of bad frames; and
 * answers that would be too large, paged by size (80 messages of 3990 emoji, about 16 KB each, fill more than one
 * page of the default 512 KB).
 */
class EdgeIT extends DeployedChat {

    @Test
    void refusesLoneSurrogatesAndNulNamingTheFieldAndStaysUsable() {
        ChatClient alice = users.connect(Tokens.newUserId("alice"));
        long conversation = alice.createGroupWith("edge");

        assertAnswered(alice, "{\"type\":\"send_message\",\"requestId\":\"s1\",\"payload\":{\"conversationId\":"
                + conversation + ",\"content\":\"hi \\ud800\"}}", "s1",
                "content is not valid Unicode text (it holds a lone surrogate)");
        assertAnswered(alice, "{\"type\":\"send_message\",\"requestId\":\"s2\",\"payload\":{\"conversationId\":"
                + conversation + ",\"content\":\"a\\u0000b\"}}", "s2", "content must not contain NUL characters");
        assertAnswered(alice, "{\"type\":\"create_group\",\"requestId\":\"s3\",\"payload\":{\"name\":\"x\\u0000\"}}",
                "s3", "name must not contain NUL characters");
        assertAnswered(alice, "{\"type\":\"send_message\",\"requestId\":\"s4\",\"payload\":{\"conversationId\":"
                + conversation + ",\"content\":\"ok\",\"clientMessageId\":\"lone-\\ud800\"}}", "s4",
                "clientMessageId is not valid Unicode text (it holds a lone surrogate)");

        alice.ack("send_message", Payload.of("conversationId", conversation, "content", "ok",
                "clientMessageId", "lone-?"));
        assertThat(alice.ack("load_messages", Payload.of("conversationId", conversation))
                .getJsonArray("messages")).hasSize(1);
    }

    @Test
    void aLoneSurrogateNeverReachesAnotherUser() {
        ChatClient mallory = users.connect(Tokens.newUserId("mallory"));
        String victimId = Tokens.newUserId("victim");
        ChatClient victim = users.connect(victimId);

        assertAnswered(mallory, "{\"type\":\"create_conversation\",\"requestId\":\"c1\",\"payload\":"
                + "{\"participantIds\":[\"" + victimId + "\"],\"title\":\"hi\\ud800\"}}", "c1",
                "title is not valid Unicode text (it holds a lone surrogate)");

        assertThat(victim.hasEvent("conversation_created")).isFalse();
        assertThat(victim.ack("load_conversations", Payload.of()).getJsonArray("conversations")).isEmpty();
    }

    @Test
    void boundsNestingAndNumberLengthBeforeSignIn() {
        try (ChatClient anonymous = ChatClient.connectAnonymously(ChatDeployment.endpoint(base))) {
            anonymous.event("connection_status");
            String deep = "[".repeat(1001) + "]".repeat(1001);

            anonymous.send("{\"type\":\"ping\",\"requestId\":\"d1\",\"payload\":{\"a\":" + deep + "}}");
            assertError(anonymous.event("error"), null, "BAD_REQUEST", "frame is nested deeper than 16 levels");

            anonymous.send("{\"type\":\"load_messages\",\"requestId\":\"n1\",\"payload\":{\"conversationId\":"
                    + "1".repeat(1100) + "}}");
            assertError(anonymous.event("error"), "n1", "BAD_REQUEST",
                    "conversationId is a number longer than 64 characters");

            assertThat(anonymous.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
        }
    }

    @Test
    void malformedFramesCountAgainstTheBudgetAndAFloodIsClosedWith4429() {
        ChatClient flooder = users.connect(Tokens.newUserId("flooder"));
        ChatClient bystander = users.connect(Tokens.newUserId("bystander"));

        JsonObject first = null;
        for (int i = 0; i < 5000 && !flooder.isClosed(); i++) {
            try {
                flooder.send("{not json");
            } catch (RuntimeException closedMeanwhile) {
                break;
            }
            // One frame in flight at a time, still far over the budget of 50 a second: when the server closes, no
            // frame of the flooder lies unread on its socket, which would turn the close into a reset (1006 here)
            JsonObject answer = flooder.nextOrNullWhenClosed();
            first = first == null ? answer : first;
        }

        assertThat(flooder.awaitClose(ChatClient.WAIT)).isEqualTo(CloseCodes.TOO_MANY_REQUESTS);
        assertThat(flooder.closeReason()).isEqualTo("too many requests: the client ignored RATE_LIMITED");
        assertError(first, null, "BAD_REQUEST", "frame is not valid JSON");
        assertThat(bystander.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
    }

    @Test
    void aMessageInFragmentsIsRefusedAtTheFragmentThatPassesTheLimit() {
        ChatClient offender = users.connect(Tokens.newUserId("fragments"));
        ChatClient bystander = users.connect(Tokens.newUserId("calm"));

        offender.sendFragment("{\"type\":\"ping\",\"requestId\":\"f\",\"payload\":{\"pad\":\"" + "a".repeat(60_000),
                false);
        offender.sendFragment("b".repeat(10_000), false);

        assertThat(offender.awaitClose(ChatClient.WAIT)).isEqualTo(1009);
        assertThat(offender.closeReason()).isEqualTo("frame is larger than 65536 bytes");
        assertThat(bystander.ack("ping", JsonValue.EMPTY_JSON_OBJECT).getString("serverTime")).isNotBlank();
    }

    @Test
    void aMessageInFragmentsUnderTheLimitIsServed() {
        ChatClient client = users.connect(Tokens.newUserId("pieces"));

        client.sendFragment("{\"type\":\"ping\",", false);
        client.sendFragment("\"requestId\":\"whole\",", false);
        client.sendFragment("\"payload\":{}}", true);

        assertThat(client.event("ack").getString("requestId")).isEqualTo("whole");
    }

    @Test
    void aFrameLargerThanTheContainersBufferIsCutWhileItArrives() {
        try (RawSocket raw = RawSocket.open(ChatDeployment.endpoint(base))) {
            raw.sendTextHeader(5_000_000);
            raw.sendPayload("x".repeat(4_300_000).getBytes(StandardCharsets.US_ASCII));

            assertThat(raw.awaitClose()).isEqualTo("1011 Buffer overflow.");
        }
    }

    @Test
    void largePagesAreCutBySizeAndPagingStillReturnsEveryMessageOnce() {
        ChatClient alice = users.connect(Tokens.newUserId("pages"));
        long conversation = alice.createGroupWith("big messages");
        int total = 80;
        for (int i = 0; i < total; i++) {
            alice.ack("send_message", Payload.of("conversationId", conversation, "content",
                    i + ":" + "😀".repeat(3990)));
        }

        JsonObject newest = alice.ack("load_messages", Payload.of("conversationId", conversation, "limit", 200));
        assertThat(newest.getJsonArray("messages").size()).isLessThan(total);
        assertThat(newest.getBoolean("hasMore")).isTrue();
        Set<Long> seen = new HashSet<>();
        JsonObject page = newest;
        while (true) {
            var messages = page.getJsonArray("messages").getValuesAs(JsonObject.class);
            messages.forEach(m -> assertThat(seen.add(m.getJsonNumber("seq").longValue())).isTrue());
            if (!page.getBoolean("hasMore")) {
                break;
            }
            long oldest = messages.get(0).getJsonNumber("seq").longValue();
            page = alice.ack("load_messages", Payload.of("conversationId", conversation, "beforeSeq", oldest,
                    "limit", 200));
        }
        assertThat(seen).hasSize(total);

        Set<Long> synced = new HashSet<>();
        long cursor = 0;
        boolean more = true;
        int rounds = 0;
        while (more) {
            JsonObject entry = alice.ack("sync", Payload.of("conversations", jsonCursor(conversation, cursor),
                    "limit", 200)).getJsonArray("conversations").getJsonObject(0);
            for (JsonObject m : entry.getJsonArray("messages").getValuesAs(JsonObject.class)) {
                assertThat(synced.add(m.getJsonNumber("seq").longValue())).isTrue();
                cursor = m.getJsonNumber("seq").longValue();
            }
            more = entry.getBoolean("hasMore");
            rounds++;
        }
        assertThat(synced).hasSize(total);
        assertThat(rounds).isGreaterThan(1);
    }

    private static JsonValue jsonCursor(long conversation, long afterSeq) {
        return jakarta.json.Json.createArrayBuilder().add(Payload.of("conversationId", conversation,
                "afterSeq", afterSeq)).build();
    }

    private static void assertAnswered(ChatClient client, String frame, String requestId, String message) {
        client.send(frame);
        assertError(client.event("error"), requestId, "BAD_REQUEST", message);
    }

    private static void assertError(JsonObject error, String requestId, String code, String message) {
        if (requestId == null) {
            assertThat(error.get("requestId")).isEqualTo(JsonValue.NULL);
        } else {
            assertThat(error.getString("requestId")).isEqualTo(requestId);
        }
        DeployedChat.assertError(error.getJsonObject("payload"), code, message);
    }
}
