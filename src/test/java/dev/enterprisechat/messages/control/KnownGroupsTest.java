package dev.enterprisechat.messages.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class KnownGroupsTest {

    private final KnownGroups groups = new KnownGroups(3);

    @Test
    void nothingIsKnownBeforeABatchLockedIt() {
        assertThat(groups.all(List.of(1L))).isFalse();
        assertThat(groups.all(List.of())).isTrue();
    }

    @Test
    void theGroupsABatchLockedAreLearntAndItsDirectConversationsNever() {
        groups.learn(Map.of(1L, 5L, 2L, 9L), Set.of(2L));

        assertThat(groups.all(List.of(1L))).isTrue();
        assertThat(groups.all(List.of(2L))).isFalse();
        assertThat(groups.all(List.of(1L, 2L))).isFalse();
    }

    @Test
    void anIdThatWasAskedForButNotLockedIsNotLearnt() {
        // a batch asked for 1 and 7; only 1 exists: 7 may be created later, as a direct conversation
        groups.learn(Map.of(1L, 5L), Set.of());

        assertThat(groups.all(List.of(1L, 7L))).isFalse();
        assertThat(groups.all(List.of(7L))).isFalse();
    }

    @Test
    void whenFullEverythingIsForgottenAndLearntAgain() {
        groups.learn(Map.of(1L, 0L, 2L, 0L, 3L, 0L), Set.of());
        assertThat(groups.size()).isEqualTo(3);

        groups.learn(Map.of(4L, 0L), Set.of());

        assertThat(groups.size()).isEqualTo(1);
        assertThat(groups.all(List.of(4L))).isTrue();
        assertThat(groups.all(List.of(1L))).isFalse();
    }
}
