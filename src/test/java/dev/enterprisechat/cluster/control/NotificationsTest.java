package dev.enterprisechat.cluster.control;

import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.rooms.Routing;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsTest {

    @Test
    void aRoomEventReadsBackWithItsExclusionsEvictionOriginAndKey() {
        Broadcast broadcast = Broadcast.toRoom("member_removed", Map.of("text", "line one\nline two"), 42L, "bob")
                .asDroppable().evicting("carol", 42L);

        Notifications.Received received = Notifications.decode(Notifications.encode(broadcast, "i-1", "i-1:7"));

        assertThat(received.routing()).isEqualTo(new Routing(Set.of(), 42L, null, "bob", true,
                new Routing.Eviction("carol", 42L)));
        assertThat(received.frame()).startsWith("{\"type\":\"member_removed\",\"payload\":{\"text\":\"line one\\nline two\"}");
        assertThat(received.origin()).isEqualTo("i-1");
        assertThat(received.ackKey()).isEqualTo("i-1:7");
    }

    @Test
    void aUserEventReadsBackWithItsUsersAndNoKey() {
        Broadcast broadcast = Broadcast.toUsers("conversation_created", Map.of("id", 3), Set.of("ann", "zoë"),
                "connection-9");

        Notifications.Received received = Notifications.decode(Notifications.encode(broadcast, "i-2", null));

        assertThat(received.routing()).isEqualTo(new Routing(Set.of("ann", "zoë"), null, "connection-9", null,
                false, null));
        assertThat(received.ackKey()).isNull();
        assertThat(received.frame()).startsWith("{\"type\":\"conversation_created\",\"payload\":{\"id\":3}");
    }

    @Test
    void aWritersChangeReadsBackWithItsConversationAndRevisionAndTheFrameGiven() {
        Broadcast broadcast = Broadcast.toUsers("new_message", Map.of("seq", 5), Set.of("ann"), "connection-1");
        String frame = broadcast.frame();

        Notifications.Received received = Notifications.decode(Notifications.encode(broadcast, frame, "i-3", "i-3:9",
                new Relay.Announcement(broadcast, 12L, 17L)));

        assertThat(received.conversationId()).isEqualTo(12L);
        assertThat(received.rev()).isEqualTo(17L);
        assertThat(received.frame()).isEqualTo(frame);
        assertThat(received.ackKey()).isEqualTo("i-3:9");
        assertThat(Notifications.decode(Notifications.encode(broadcast, "i-3", null)).conversationId())
                .as("any other event has none").isNull();
    }

    @Test
    void aReferenceNamesItsBody() {
        String reference = Notifications.reference(1234);

        assertThat(Notifications.isReference(reference)).isTrue();
        assertThat(Notifications.referencedBody(reference)).isEqualTo(1234);
    }
}
