package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Listing rooms and reading history, page by page. */
class BrowsingBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");

    @Test
    void rooms_come_most_recent_first_with_name_type_members_preview_and_unread_count() {
        ConnectionId bobTab = h.connect(bob);
        Room first = h.createRoom(alice, bob);
        Room second = h.createRoom(alice, bob, UserId.of("carol"));
        h.send(bobTab, first.id(), "latest news");

        Page<RoomSummary> page = accepted(h.chat.listRooms().listRooms(
                new ListRoomsQuery(alice, PageSize.of(10), Optional.empty()))).page();

        assertThat(page.items()).extracting(s -> s.room().id()).containsExactly(first.id(), second.id());
        RoomSummary top = page.items().get(0);
        assertThat(top.room()).isEqualTo(first);
        assertThat(top.lastMessagePreview()).isEqualTo("latest news");
        assertThat(top.unreadCount()).isEqualTo(1);
        assertThat(page.nextCursor()).isEmpty();
    }

    @Test
    void the_room_list_pages_with_a_cursor() {
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            h.clock.advance(java.time.Duration.ofSeconds(1));
            rooms.add(h.createRoom(alice, UserId.of("friend" + i)));
        }

        List<RoomSummary> seen = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Page<RoomSummary> page = accepted(h.chat.listRooms().listRooms(
                    new ListRoomsQuery(alice, PageSize.of(2), cursor))).page();
            seen.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        List<Room> newestFirst = new ArrayList<>(rooms);
        java.util.Collections.reverse(newestFirst);
        assertThat(seen).extracting(s -> s.room().id()).containsExactlyElementsOf(
                newestFirst.stream().map(Room::id).toList());
    }

    @Test
    void another_users_room_cursor_is_refused() {
        for (int i = 0; i < 3; i++) {
            h.createRoom(bob, UserId.of("friend" + i));
        }
        String bobsCursor = accepted(h.chat.listRooms().listRooms(
                new ListRoomsQuery(bob, PageSize.of(1), Optional.empty()))).page().nextCursor().orElseThrow();

        assertRejected(h.chat.listRooms().listRooms(new ListRoomsQuery(alice, PageSize.of(1), Optional.of(bobsCursor))),
                Rejection.Code.INVALID_CURSOR);
        assertRejected(h.chat.listRooms().listRooms(new ListRoomsQuery(alice, PageSize.of(1), Optional.of("forged"))),
                Rejection.Code.INVALID_CURSOR);
    }

    @Test
    void history_is_newest_first_and_older_pages_follow_the_cursor() {
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(accepted(h.send(aliceTab, room.id(), "m" + i)).message());
        }

        Page<Message> newest = history(alice, room, 3, Optional.empty());
        Page<Message> older = history(alice, room, 3, newest.nextCursor());

        assertThat(newest.items()).containsExactly(sent.get(4), sent.get(3), sent.get(2));
        assertThat(older.items()).extracting(m -> m.content().text()).containsExactly("m1", "m0", "room created");
        assertThat(older.nextCursor()).isEmpty();
    }

    @Test
    void a_reconnecting_client_gets_what_it_missed_oldest_first() {
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);
        Message lastSeen = accepted(h.send(aliceTab, room.id(), "seen")).message();
        Message missed1 = accepted(h.send(aliceTab, room.id(), "missed 1")).message();
        Message missed2 = accepted(h.send(aliceTab, room.id(), "missed 2")).message();

        Page<Message> catchUp = accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(
                bob, room.id(), PageSize.of(10), Optional.empty(), Optional.of(lastSeen.id())))).page();

        assertThat(catchUp.items()).containsExactly(missed1, missed2);
    }

    @Test
    void strangers_cannot_read_a_room_nor_page_through_it_with_a_cursor_from_another_room() {
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);
        Room other = h.createRoom(alice, UserId.of("carol"));
        for (int i = 0; i < 3; i++) {
            h.send(aliceTab, other.id(), "other " + i);
        }
        String otherCursor = history(alice, other, 1, Optional.empty()).nextCursor().orElseThrow();

        assertRejected(h.chat.getMessages().getMessages(new GetMessagesQuery(UserId.of("mallory"), room.id(),
                PageSize.of(10), Optional.empty(), Optional.empty())), Rejection.Code.NOT_A_MEMBER);
        assertRejected(h.chat.getMessages().getMessages(new GetMessagesQuery(alice, room.id(),
                PageSize.of(10), Optional.of(otherCursor), Optional.empty())), Rejection.Code.INVALID_CURSOR);
    }

    private Page<Message> history(UserId user, Room room, int size, Optional<String> cursor) {
        return accepted(h.chat.getMessages().getMessages(
                new GetMessagesQuery(user, room.id(), PageSize.of(size), cursor, Optional.empty()))).page();
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(code));
    }
}
