package dev.enterprisechat.typing;

import dev.enterprisechat.testsupport.ChatClient;
import dev.enterprisechat.testsupport.DeployedChat;
import dev.enterprisechat.testsupport.Payload;
import dev.enterprisechat.testsupport.Tokens;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Typing indicators: who hears them, and every way they end. The tests run with a 2 s typing window. */
class TypingIT extends DeployedChat {

    private String alice;
    private ChatClient typist;
    private ChatClient typistsOtherDevice;
    private ChatClient listener;
    private ChatClient notInRoom;
    private long conversation;

    @BeforeEach
    void threeUsersInOneGroup() {
        alice = Tokens.newUserId("alice");
        typist = users.connect(alice);
        typistsOtherDevice = users.connect(alice);
        listener = users.connect(Tokens.newUserId("bob"));
        notInRoom = users.connect(Tokens.newUserId("carol"));
        conversation = typist.createGroupWith("typing", listener, notInRoom);
        for (ChatClient inRoom : List.of(typist, typistsOtherDevice, listener)) {
            inRoom.ack("join_conversation", Payload.of("conversationId", conversation));
        }
    }

    @Test
    void typingReachesTheRoomButNotTheTypistNorConnectionsOutsideIt() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));

        JsonObject event = listener.event("typing");
        assertThat(event.get("requestId")).isEqualTo(JsonValue.NULL);
        assertTyping(event, true);
        assertThat(typist.hasEvent("typing")).isFalse();
        assertThat(typistsOtherDevice.hasEvent("typing")).as("not to the typist's other devices").isFalse();
        assertThat(notInRoom.hasEvent("typing")).as("only connections joined to the room").isFalse();
    }

    @Test
    void repeatedStartInsideTheWindowIsNotAnnouncedAgain() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        typist.ack("typing_start", Payload.of("conversationId", conversation));
        typist.ack("typing_start", Payload.of("conversationId", conversation));

        assertThat(listener.hasEvent("typing")).isFalse();
    }

    @Test
    void typingEndsByItselfWhenNotRefreshedWithinTheWindow() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        assertTyping(listener.event("typing"), true);

        assertTyping(listener.event("typing", Duration.ofSeconds(10)), false);
    }

    @Test
    void typingStopEndsIt() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        typist.ack("typing_stop", Payload.of("conversationId", conversation));

        assertTyping(listener.event("typing"), false);
        typist.ack("typing_stop", Payload.of("conversationId", conversation));
        assertThat(listener.hasEvent("typing")).as("stopping twice announces once").isFalse();
    }

    @Test
    void sendingAMessageEndsIt() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        typist.ack("send_message", Payload.of("conversationId", conversation, "content", "done typing"));

        listener.event("new_message");
        assertTyping(listener.event("typing"), false);
    }

    @Test
    void leavingTheRoomEndsIt() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        typist.ack("leave_conversation", Payload.of("conversationId", conversation));

        assertTyping(listener.event("typing"), false);
    }

    @Test
    void closingTheTypingConnectionEndsIt() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        typist.close();

        assertTyping(listener.event("typing"), false);
    }

    @Test
    void joiningTheRoomTellsWhoIsTyping() {
        typist.ack("typing_start", Payload.of("conversationId", conversation));
        listener.event("typing");

        JsonObject joined = notInRoom.ack("join_conversation", Payload.of("conversationId", conversation));

        assertThat(joined.getJsonArray("typing").getValuesAs(JsonValue::toString)).containsExactly("\"" + alice + "\"");
        typist.ack("typing_stop", Payload.of("conversationId", conversation));
        assertTyping(notInRoom.event("typing"), false);
        assertThat(notInRoom.ack("join_conversation", Payload.of("conversationId", conversation))
                .getJsonArray("typing")).isEmpty();
    }

    private void assertTyping(JsonObject event, boolean typing) {
        JsonObject payload = event.getJsonObject("payload");
        assertThat(payload.getJsonNumber("conversationId").longValue()).isEqualTo(conversation);
        assertThat(payload.getString("userId")).isEqualTo(alice);
        assertThat(payload.getBoolean("typing")).isEqualTo(typing);
    }
}
