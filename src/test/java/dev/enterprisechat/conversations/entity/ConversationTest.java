package dev.enterprisechat.conversations.entity;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationTest {

    @Test
    void directKeyIsTheSameWhicheverUserStarts() {
        assertThat(Conversation.directKey("alice", "bob")).isEqualTo(Conversation.directKey("bob", "alice"));
    }

    @Test
    void directKeyDiffersForDifferentPairs() {
        assertThat(Conversation.directKey("alice", "bob")).isNotEqualTo(Conversation.directKey("alice", "carol"));
    }

    @Test
    void directKeyDistinguishesPairsThatShareTheSeparator() {
        assertThat(Conversation.directKey("a|b", "c")).isNotEqualTo(Conversation.directKey("a", "b|c"));
        assertThat(Conversation.directKey("c", "a|b")).isNotEqualTo(Conversation.directKey("b|c", "a"));
    }

    @Test
    void directKeyDistinguishesPairsThatConcatenateAlike() {
        assertThat(Conversation.directKey("ab", "c")).isNotEqualTo(Conversation.directKey("a", "bc"));
        assertThat(Conversation.directKey("1:a", "b")).isNotEqualTo(Conversation.directKey("a", "1:b"));
    }

    @Test
    void directKeyOfAUserWithThemselvesIsStable() {
        assertThat(Conversation.directKey("alice", "alice")).isEqualTo("5:alice|alice");
    }

    @Test
    void directKeyPutsTheSmallerIdFirstWithItsLength() {
        assertThat(Conversation.directKey("bob", "alice")).isEqualTo("5:alice|bob");
    }

    @Test
    void seqAdvancesByOneAndMovesLastActivity() {
        Conversation conversation = Conversation.group("alice", "Team", Instant.parse("2024-01-01T00:00:00Z"));

        long first = conversation.nextSeq(Instant.parse("2024-01-01T00:01:00Z"));
        long second = conversation.nextSeq(Instant.parse("2024-01-01T00:02:00Z"));

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(conversation.lastSeq()).isEqualTo(2);
    }

    @Test
    void groupConversationKeepsItsTitle() {
        Instant now = Instant.parse("2024-01-01T00:00:00Z");

        Conversation conversation = Conversation.group("alice", "Team", now);

        assertThat(conversation.kind()).isEqualTo(Conversation.KIND_GROUP);
        assertThat(conversation.title()).isEqualTo("Team");
        assertThat(conversation.createdAt()).isEqualTo(now);
        assertThat(conversation.lastSeq()).isZero();
    }
}
