package io.chatkit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A reaction is one emoji as a user sees one: a single grapheme of at most 16 UTF-16 units. */
class EmojiTest {

    @Test
    void one_emoji_however_it_is_composed_is_an_emoji() {
        for (String emoji : new String[] {"👍", "❤️", "👍🏽", "🇯🇵", "👨‍👩‍👧", "1️⃣", "☕"}) {
            assertThat(Emoji.of(emoji).value()).isEqualTo(emoji);
        }
    }

    @Test
    void text_two_emoji_or_too_long_a_sequence_is_not() {
        for (String notOne : new String[] {"", "a", "ok", "👍👍", " 👍", "1", "#", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦"}) {
            assertThatThrownBy(() -> Emoji.of(notOne)).as(notOne).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("emoji");
        }
        assertThat("👨‍👩‍👧‍👦".length()).as("a family of four: 11 units, one grapheme").isEqualTo(11);
        assertThat(Emoji.of("👨‍👩‍👧‍👦").value()).hasSize(11);
    }
}
