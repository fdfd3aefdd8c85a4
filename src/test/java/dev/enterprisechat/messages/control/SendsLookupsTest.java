package dev.enterprisechat.messages.control;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch's reads for its sends: blocks are read unless every conversation is a known group, and never skipped for a
 * direct conversation found under the lock.
 */
class SendsLookupsTest {

    private static final List<SendCommand> BATCH = List.of(SendCommand.of("ann", "c1", 7L, "hi", null, null));

    @Test
    void blocksAreReadWithTheLockUnlessEveryConversationIsAKnownGroup() {
        assertThat(new Sends.Lookups(BATCH, Set.of(7L), true, false, false).reads).extracting(WriterSession.Read::sql)
                .containsExactly(MessageSql.BLOCKS);
        assertThat(new Sends.Lookups(BATCH, Set.of(7L), true, false, true).reads).isEmpty();
    }

    @Test
    void aDirectConversationFoundUnderTheLockGetsItsBlocksReadAfterAll() {
        Sends.Lookups skipped = new Sends.Lookups(BATCH, Set.of(7L), true, false, true);

        assertThat(skipped.missing(Set.of())).isEmpty();
        assertThat(skipped.missing(Set.of(7L))).hasValueSatisfying(read -> assertThat(read.sql())
                .isEqualTo(MessageSql.BLOCKS));
        assertThat(skipped.missing(Set.of(7L))).as("read once").isEmpty();
    }

    @Test
    void blocksReadWithTheLockAreNotReadAgain() {
        Sends.Lookups read = new Sends.Lookups(BATCH, Set.of(7L), true, false, false);

        assertThat(read.missing(Set.of(7L))).isEmpty();
    }
}
