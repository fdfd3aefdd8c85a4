package dev.enterprisechat.cluster.control;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeliveredRevisionsTest {

    private final DeliveredRevisions revisions = new DeliveredRevisions(1_000);
    private final List<String> delivered = new ArrayList<>();

    @Test
    void aConversationNotSeenSinceStartIsLeftToTheStream() {
        assertThat(revisions.next(Map.of(7L, 0L))).isFalse();

        revisions.committed(7, 0, 1, () -> delivered.add("writer 1"));

        assertThat(delivered).as("not known to be next: the stream delivers it").isEmpty();
        streamed(revisions, 7, 1, () -> delivered.add("stream 1"));
        assertThat(delivered).containsExactly("stream 1");
    }

    @Test
    void aBatchRightAfterWhatWasDeliveredIsDeliveredByItsWriterAndSkippedByTheStream() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));

        assertThat(revisions.next(Map.of(7L, 4L))).isTrue();
        revisions.committed(7, 4, 6, () -> delivered.add("writer 5-6"));
        streamed(revisions, 7, 5, () -> delivered.add("stream 5"));
        streamed(revisions, 7, 6, () -> delivered.add("stream 6"));
        streamed(revisions, 7, 7, () -> delivered.add("stream 7"));

        assertThat(delivered).containsExactly("stream 4", "writer 5-6", "stream 7");
    }

    @Test
    void aRunFromTheStreamIsDeliveredInOneCallWithoutWhatItsWriterDeliveredAlready() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));
        revisions.committed(7, 4, 6, () -> delivered.add("writer 5-6"));

        revisions.streamed(7, List.of(5L, 6L, 7L, 8L), chosen -> delivered.add("stream run " + chosen));
        revisions.streamed(7, List.of(7L, 8L), chosen -> delivered.add("stream again " + chosen));
        revisions.streamed(7, List.of(9L), chosen -> delivered.add("stream run " + chosen));

        assertThat(delivered).containsExactly("stream 4", "writer 5-6", "stream run [2, 3]", "stream run [0]");
        assertThat(revisions.next(Map.of(7L, 9L))).as("delivered up to the run's last").isTrue();
    }

    @Test
    void aRunIsTakenAsItsChangesOneByOne() {
        revisions.streamed(7, List.of(3L, 5L, 4L, 6L), chosen -> delivered.add("run " + chosen));

        assertThat(delivered).as("4 after 5 is skipped, as a lone notification of it would be").containsExactly(
                "run [0, 1, 3]");
    }

    @Test
    void aBatchAfterAChangeStillOnItsWayWaitsForTheStream() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));

        assertThat(revisions.next(Map.of(7L, 5L))).as("revision 5, another instance's, is on its way").isFalse();
        streamed(revisions, 7, 5, () -> delivered.add("stream 5"));
        streamed(revisions, 7, 6, () -> delivered.add("stream 6"));

        assertThat(delivered).containsExactly("stream 4", "stream 5", "stream 6");
    }

    @Test
    void aWriterOvertakenByItsOwnNotificationsDeliversNothingTwice() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));
        assertThat(revisions.next(Map.of(7L, 4L))).isTrue();

        streamed(revisions, 7, 5, () -> delivered.add("stream 5"));
        streamed(revisions, 7, 6, () -> delivered.add("stream 6"));
        revisions.committed(7, 4, 6, () -> delivered.add("writer 5-6"));

        assertThat(delivered).containsExactly("stream 4", "stream 5", "stream 6");
    }

    @Test
    void everyConversationOfTheBatchMustBeNext() {
        streamed(revisions, 1, 3, () -> delivered.add("stream 1:3"));
        streamed(revisions, 2, 8, () -> delivered.add("stream 2:8"));

        assertThat(revisions.next(Map.of(1L, 3L, 2L, 8L))).isTrue();
        assertThat(revisions.next(Map.of(1L, 3L, 2L, 9L))).isFalse();
        assertThat(revisions.next(Map.of(1L, 3L, 3L, 0L))).isFalse();
    }

    @Test
    void aFailedDeliveryCountsAsMadeSoThatNobodyGetsItTwice() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));

        revisions.committed(7, 4, 5, () -> {
            throw new IllegalStateException("a connection broke");
        });
        streamed(revisions, 7, 5, () -> delivered.add("stream 5"));

        assertThat(delivered).containsExactly("stream 4");
        assertThat(revisions.next(Map.of(7L, 5L))).isTrue();
    }

    @Test
    void beyondItsCapacityItForgetsOnlyConversationsTheStreamCaughtUpWith() {
        DeliveredRevisions small = new DeliveredRevisions(2);
        streamed(small, 1, 1, () -> { });
        streamed(small, 2, 1, () -> { });
        small.committed(2, 1, 2, () -> delivered.add("writer 2:2"));

        streamed(small, 3, 1, () -> { });

        assertThat(small.size()).as("conversation 2's revision 2 has not come through the stream yet").isEqualTo(1);
        streamed(small, 2, 2, () -> delivered.add("stream 2:2"));
        assertThat(delivered).containsExactly("writer 2:2");
    }

    @Test
    void afterAGapNothingIsKnownToBeDelivered() {
        streamed(revisions, 7, 4, () -> delivered.add("stream 4"));

        revisions.forgetAll();

        assertThat(revisions.next(Map.of(7L, 4L))).isFalse();
        revisions.committed(7, 4, 5, () -> delivered.add("writer 5"));
        assertThat(delivered).containsExactly("stream 4");
    }

    /** One change through the stream, alone. */
    private static void streamed(DeliveredRevisions revisions, long conversation, long rev, Runnable deliver) {
        revisions.streamed(conversation, List.of(rev), chosen -> deliver.run());
    }
}
