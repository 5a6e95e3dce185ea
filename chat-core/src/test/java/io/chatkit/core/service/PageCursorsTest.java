package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.PageCursors.InvalidCursorException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorsTest {
    private final RoomId room = RoomId.of("room1");
    private final MessageId message = MessageId.of("1709136000000-abc");

    @Test
    void a_cursor_leads_back_to_where_it_was_made() {
        assertThat(PageCursors.messagesOf(room, PageCursors.forMessages(room, message))).isEqualTo(message);
        UserId alice = UserId.of("alice");
        RoomPosition position = new RoomPosition(message, room);
        assertThat(PageCursors.roomsOf(alice, PageCursors.forRooms(alice, position))).isEqualTo(position);
    }

    @Test
    void a_cursor_of_another_room_or_user_or_kind_is_refused() {
        String cursor = PageCursors.forMessages(room, message);
        assertThatThrownBy(() -> PageCursors.messagesOf(RoomId.of("room2"), cursor))
                .isInstanceOf(InvalidCursorException.class);
        String rooms = PageCursors.forRooms(UserId.of("alice"), new RoomPosition(message, room));
        assertThatThrownBy(() -> PageCursors.roomsOf(UserId.of("bob"), rooms)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursors.messagesOf(room, rooms)).isInstanceOf(InvalidCursorException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "garbage!!", "bTF8cm9vbTE", "bTF8cm9vbTF8bm90LWEtaWQ", "x"})
    void made_up_cursors_are_refused(String forged) {
        assertThatThrownBy(() -> PageCursors.messagesOf(room, forged)).isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void a_hand_made_cursor_that_smuggles_a_key_prefix_is_refused() {
        String smuggled = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("m1|room1|1709136000000-a#USER#bob".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> PageCursors.messagesOf(room, smuggled)).isInstanceOf(InvalidCursorException.class);
        assertThatThrownBy(() -> PageCursors.messagesOf(room, "a".repeat(2000))).isInstanceOf(InvalidCursorException.class);
    }
}
