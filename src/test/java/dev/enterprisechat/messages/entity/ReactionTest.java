package dev.enterprisechat.messages.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReactionTest {

    @Test
    void aListReadsBackInItsOrder() {
        List<Reaction> reactions = List.of(new Reaction("👍", List.of("bob", "ann")),
                new Reaction(":party\"parrot:", List.of("zoë")));

        assertThat(Reaction.parse(Reaction.write(reactions))).isEqualTo(reactions);
    }

    @Test
    void noneIsTheEmptyArray() {
        assertThat(Reaction.write(List.of())).isEqualTo(Reaction.NONE);
        assertThat(Reaction.parse(Reaction.NONE)).isEmpty();
        assertThat(Reaction.parse(null)).isEmpty();
    }
}
