package dev.enterprisechat.messages.boundary;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmojiTest {

    @ParameterizedTest
    @ValueSource(strings = {"👍", "👍🏽", "❤️", "☕", "👨‍👩‍👧", "🏳️‍🌈", "🇫🇷", "1️⃣", "#⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "©️"})
    void acceptsOneEmojiWithItsModifiersAndJoiners(String emoji) {
        assertThat(Emoji.isOneEmoji(emoji)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "1", "👍👍", "🇫", "🇫🇷🇩🇪", "👍\u200D", "\u200D👍", "\uFE0F", "👍a", "🏽"})
    void refusesTextSeveralEmojiAndLoneParts(String text) {
        assertThat(Emoji.isOneEmoji(text)).isFalse();
    }
}
