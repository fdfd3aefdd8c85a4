package dev.enterprisechat.cluster.control;

import dev.enterprisechat.rooms.Broadcast;
import dev.enterprisechat.rooms.Frame;
import dev.enterprisechat.rooms.Relay;
import dev.enterprisechat.rooms.Rooms;
import dev.enterprisechat.rooms.Routed;
import dev.enterprisechat.rooms.Routing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One read of the stream: runs of one conversation's changes delivered together, in order, each event once. */
class StreamedEventsTest {

    /** The deliveries asked of the instance's rooms: each call, with its frames. */
    private final List<String> calls = new ArrayList<>();
    private final List<String> after = new ArrayList<>();
    private final DeliveredRevisions revisions = new DeliveredRevisions(1_000);
    private final StreamedEvents events = new StreamedEvents(new Rooms() {
        @Override
        public void deliver(List<Routed> frames) {
            calls.add(frames.stream().map(routed -> routed.frame().text()).toList().toString());
        }

        @Override
        public void deliver(Routing routing, Frame frame) {
            calls.add("[" + frame.text() + "]");
        }
    }, revisions, event -> after.add(event.frame()));

    @Test
    void consecutiveChangesOfAConversationAreDeliveredTogetherAndOthersAlone() {
        events.deliver(List.of(change(7, 1, "a1"), change(7, 2, "a2"), change(8, 1, "b1"), typing("t"),
                change(7, 3, "a3"), change(7, 4, "a4")));

        assertThat(calls).containsExactly("[a1, a2]", "[b1]", "[t]", "[a3, a4]");
        assertThat(after).containsExactly("a1", "a2", "b1", "t", "a3", "a4");
    }

    @Test
    void whatThisInstancesWriterDeliveredIsSkippedFromARun() {
        events.deliver(List.of(change(7, 1, "a1")));
        revisions.committed(7, 1, 3, () -> calls.add("writer [a2, a3]"));

        events.deliver(List.of(change(7, 2, "a2"), change(7, 3, "a3"), change(7, 4, "a4")));

        assertThat(calls).containsExactly("[a1]", "writer [a2, a3]", "[a4]");
        assertThat(after).as("every event, delivered or skipped").containsExactly("a1", "a2", "a3", "a4");
    }

    @Test
    void aNotificationThatCannotBeReadIsSkippedAlone() {
        events.deliver(List.of(change(7, 1, "a1"), "not a cluster event", change(7, 2, "a2")));

        assertThat(calls).containsExactly("[a1, a2]");
    }

    private static String change(long conversation, long rev, String frame) {
        Broadcast broadcast = Broadcast.toRoom("new_message", null, conversation, null);
        return Notifications.encode(broadcast, frame, "i-2", null,
                new Relay.Announcement(broadcast, conversation, rev));
    }

    private static String typing(String frame) {
        return Notifications.encode(new Broadcast("typing", null, new Routing(Set.of(), 7L, null, "u", true, null)),
                frame, "i-2", null, null);
    }
}
