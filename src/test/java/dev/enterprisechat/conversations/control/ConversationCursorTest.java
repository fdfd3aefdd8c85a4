package dev.enterprisechat.conversations.control;

import dev.enterprisechat.protocol.ChatException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConversationCursorTest {

    @Test
    void aCursorReadsBackExactlyToTheMicrosecond() {
        ConversationCursor cursor = new ConversationCursor(Instant.parse("2026-12-06T03:00:00.123456Z"),
                Instant.parse("2026-12-06T02:59:59.000001Z"), 42);

        assertThat(ConversationCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void refusesWhatThisServerDidNotIssue() {
        for (String text : new String[]{"garbage", "", "!!", "djI6MToyOjM", "djE6eDoyOjM", "djE6MToy"}) {
            assertThatThrownBy(() -> ConversationCursor.decode(text)).isInstanceOf(ChatException.class)
                    .hasMessage("before must be a nextCursor from load_conversations");
        }
    }
}
