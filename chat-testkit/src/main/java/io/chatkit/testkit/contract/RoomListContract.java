package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.RoomListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its room list: most recent first, previews, unread counts, pages. */
public abstract class RoomListContract extends MembershipContract {
    // --- room list

    @Test
    void the_room_list_says_whether_more_rooms_follow_the_page() {
        UserId dana = user("dana");
        for (int i = 0; i < 3; i++) {
            newRoom(dana, user("friend"));
        }

        assertThat(listing.roomsOf(dana, Optional.empty(), 2).more()).isTrue();
        RoomListing.RoomList all = listing.roomsOf(dana, Optional.empty(), 3);
        assertThat(all.more()).isFalse();
        assertThat(all.rooms()).hasSize(3);
        assertThat(listing.roomsOf(dana, Optional.of(all.rooms().get(1).position()), 2).more()).isFalse();
    }

    @Test
    void rooms_are_listed_most_recent_message_first_with_preview_and_unread_count() {
        Room quiet = newRoom(alice, user("carol"));
        Room busy = room;
        posting.post(quiet, message(quiet, alice, T0.plusSeconds(10), "old news"));
        posting.post(busy, message(busy, bob, T0.plusSeconds(20), "fresh"));

        List<RoomSummary> rooms = listing.roomsOf(alice, Optional.empty(), 10).rooms();

        assertThat(rooms).extracting(s -> s.room().id()).containsExactly(busy.id(), quiet.id());
        assertThat(rooms.get(0).lastMessagePreview()).isEqualTo("fresh");
        assertThat(rooms.get(0).lastMessageAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(rooms.get(0).unreadCount()).isEqualTo(1);
        assertThat(rooms.get(1).unreadCount()).isZero();
        assertThat(rooms.get(0).room()).isEqualTo(busy);
    }

    @Test
    void the_preview_is_the_first_100_characters() {
        String longText = "😀".repeat(150);
        posting.post(room, message(room, alice, T0.plusSeconds(1), longText));

        assertThat(summaryOf(bob, room).lastMessagePreview()).isEqualTo("😀".repeat(100));
    }

    @Test
    void the_room_list_pages_without_gaps_or_repeats() {
        UserId dana = user("dana");
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Room r = newRoom(dana, user("friend"));
            posting.post(r, message(r, dana, T0.plusSeconds(100 - i), "hi " + i));
            rooms.add(r);
        }

        List<RoomSummary> first = listing.roomsOf(dana, Optional.empty(), 2).rooms();
        List<RoomSummary> second = listing.roomsOf(dana, Optional.of(first.get(1).position()), 2).rooms();
        List<RoomSummary> third = listing.roomsOf(dana, Optional.of(second.get(1).position()), 2).rooms();

        List<RoomSummary> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        assertThat(all).extracting(s -> s.room().id()).containsExactlyElementsOf(
                rooms.stream().map(Room::id).toList());
    }

    @Test
    void a_message_stamped_before_the_rooms_newest_is_stored_after_it_so_the_room_never_moves_back() {
        Room other = newRoom(alice, bob);
        posting.post(room, message(room, alice, T0.plusSeconds(50), "newest"));
        posting.post(other, message(other, alice, T0.plusSeconds(40), "middle"));
        Message late = message(room, bob, T0.plusSeconds(10), "late and old");

        Message stored = posting.post(room, late).message();

        assertThat(stored.id().timestamp()).as("one millisecond after the newest").isEqualTo(
                T0.plusSeconds(50).plusMillis(1));
        assertThat(stored.id().suffix()).isEqualTo(late.id().suffix());
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1)).extracting(Message::id)
                .containsExactly(stored.id());
        RoomSummary summary = summaryOf(alice, room);
        assertThat(summary.lastMessagePreview()).isEqualTo("late and old");
        assertThat(summary.unreadCount()).isEqualTo(1);
        assertThat(listing.roomsOf(alice, Optional.empty(), 2).rooms()).extracting(s -> s.room().id())
                .containsExactly(room.id(), other.id());
    }

    @Test
    void a_user_without_rooms_has_an_empty_list() {
        assertThat(listing.roomsOf(user("loner"), Optional.empty(), 10).rooms()).isEmpty();
    }
}
