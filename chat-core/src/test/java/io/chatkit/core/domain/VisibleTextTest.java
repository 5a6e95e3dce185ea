package io.chatkit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Text others see holds nothing that hides or spoofs it: in a message's content and in a room's name. */
class VisibleTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"nul \u0000 here", "bell \u0007", "escape \u001B[31mred", "del \u007F", "c1 \u0085",
            "carriage\rreturn", "file \u202Egnp.exe", "embedded \u202Ax", "isolate \u2066x\u2069",
            "\u200B\u200B\u200B", "\u200D", "\uFEFF", " \u2060 ", "\uFE0F", "\u3164", "\u2800\u2800"})
    void content_that_hides_or_spoofs_what_others_see_is_refused_and_the_message_says_which_rule(String content) {
        assertThatThrownBy(() -> MessageContent.of(content))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("content")
                .hasMessageMatching("(?s).*(control characters other than newline and tab \\(U\\+[0-9A-F]{4} at \\d+\\)"
                        + "|bidi embedding, override or isolate characters \\(U\\+[0-9A-F]{4} at \\d+\\)"
                        + "|a visible character, not only blank or invisible ones|must not be blank).*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"two\nlines", "a\ttab", "right-to-left \u05E9\u05DC\u05D5\u05DD with marks \u200F\u200E",
            "family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "heart \u2764\uFE0F", "<b>html</b> is text"})
    void newlines_tabs_marks_joiners_and_selectors_inside_visible_text_are_kept(String content) {
        assertThat(MessageContent.of(content).text()).isEqualTo(content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tab\tname", "new\nline", "evil \u202Egnp.exe", "\u200B\u200B"})
    void a_room_name_refuses_the_same_and_line_breaks_too(String name) {
        assertThatThrownBy(() -> RoomName.of(name)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"team \u05E9\u05DC\u05D5\u05DD", "\uD83C\uDF89 party"})
    void a_visible_room_name_is_kept(String name) {
        assertThat(RoomName.of(name).value()).isEqualTo(name);
    }
}
