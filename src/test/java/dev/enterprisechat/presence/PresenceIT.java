package dev.enterprisechat.presence;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Presence across devices, its audience, the grace that keeps reloads quiet, and dead-connection detection. The
 * observer and Ursula share a direct conversation both have written in (who may see whose presence: ConsentIT).
 * The tests run with a 1 s grace and a 1 s heartbeat.
 */
class PresenceIT extends DeployedChat {

    private static final Duration GRACE = Duration.ofSeconds(1);

    private String olivia;
    private ChatClient observer;
    private String ursula;
    private long conversation;

    @BeforeEach
    void observerSharingAConversationWithUrsula() {
        olivia = Tokens.newUserId("olivia");
        ursula = Tokens.newUserId("ursula");
        observer = users.connect(olivia);
        ChatClient first = users.connect(ursula);
        conversation = observer.directConversationWith(ursula);
        // outside groups, presence is shared once both took part in the conversation
        observer.ack("send_message", Payload.of("conversationId", conversation, "content", "hi"));
        first.ack("send_message", Payload.of("conversationId", conversation, "content", "hello"));
        first.close();
        awaitPresence(observer, ursula, "offline");
    }

    @Test
    void isOnlineFromTheFirstDeviceUntilTheLastOneClosesAndTheGracePasses() {
        ChatClient phone = users.connect(ursula);
        assertThat(awaitPresence(observer, ursula, "online").get("lastSeenAt")).isNotEqualTo(JsonValue.NULL);
        ChatClient laptop = users.connect(ursula);
        assertThat(observer.hasEvent("presence")).as("a second device changes nothing").isFalse();

        phone.close();
        assertThatThrownBy(() -> observer.event("presence", GRACE.multipliedBy(3)))
                .as("still online on the laptop").isInstanceOf(AssertionError.class);

        Instant lastClosed = Instant.now();
        laptop.close();
        JsonObject offline = awaitPresence(observer, ursula, "offline");
        assertThat(Instant.parse(offline.getString("lastSeenAt")))
                .as("offline only once the grace has passed")
                .isAfterOrEqualTo(lastClosed.plus(GRACE).minusMillis(100));

        users.connect(ursula);
        assertThat(awaitPresence(observer, ursula, "online").getString("lastSeenAt"))
                .as("the next arrival tells when the user was last seen, as stored when they went offline")
                .isEqualTo(offline.getString("lastSeenAt"));
    }

    @Test
    void aReloadWithinTheGraceIsNotAnnounced() {
        ChatClient tab = users.connect(ursula);
        awaitPresence(observer, ursula, "online");

        tab.close();
        users.connect(ursula);

        assertThatThrownBy(() -> observer.event("presence", GRACE.multipliedBy(3)))
                .as("reconnected within the grace: no offline, no online").isInstanceOf(AssertionError.class);
    }

    @Test
    void onlyUsersSharingAConversationLearnIt() {
        ChatClient stranger = users.connect(Tokens.newUserId("stranger"));

        users.connect(ursula);

        awaitPresence(observer, ursula, "online");
        assertThat(stranger.hasEvent("presence")).isFalse();
    }

    @Test
    void conversationsAndRoomsTellWhoIsOnlineAndWhenOthersWereLastSeen() {
        JsonObject offline = participant(observer, ursula);
        assertThat(offline.getBoolean("online")).isFalse();
        assertThat(offline.getString("lastSeenAt")).isNotBlank();
        assertThat(participant(observer, olivia).getBoolean("online")).isTrue();

        ChatClient u = users.connect(ursula);
        awaitPresence(observer, ursula, "online");

        assertThat(participant(observer, ursula).getBoolean("online")).isTrue();
        JsonObject joined = u.ack("join_conversation", Payload.of("conversationId", conversation));
        assertThat(joined.getJsonArray("online").getValuesAs(JsonString::getString))
                .containsExactlyInAnyOrder(olivia, ursula);
    }

    @Test
    void aConnectionThatStopsAnsweringPingsIsClosedAndGoesOffline() {
        ChatClient frozen = users.connect(ursula);
        awaitPresence(observer, ursula, "online");

        frozen.stopReading();

        // two missed 1 s heartbeats, then the 1 s grace
        awaitPresence(observer, ursula, "offline", Duration.ofSeconds(15));
    }

    private JsonObject participant(ChatClient client, String user) {
        return client.ack("load_conversations", JsonValue.EMPTY_JSON_OBJECT).getJsonArray("conversations")
                .getValuesAs(JsonObject.class).stream().filter(c -> c.getJsonNumber("id").longValue() == conversation)
                .findFirst().orElseThrow().getJsonArray("participants").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("userId").equals(user)).findFirst().orElseThrow();
    }

    private static JsonObject awaitPresence(ChatClient client, String user, String status) {
        return awaitPresence(client, user, status, Duration.ofSeconds(10));
    }

    private static JsonObject awaitPresence(ChatClient client, String user, String status, Duration wait) {
        JsonObject payload = client.event("presence", wait).getJsonObject("payload");
        assertThat(payload.getString("userId")).isEqualTo(user);
        assertThat(payload.getString("status")).isEqualTo(status);
        return payload;
    }
}
