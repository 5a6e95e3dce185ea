package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.created;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.core.service.TooManyRoomsException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its membership: adding, leaving and the rooms-per-user limit. */
public abstract class MembershipContract extends SendRetriesContract {
    // --- membership

    @Test
    void an_added_member_finds_the_room_in_their_list_with_its_history_read_and_gets_what_comes_next() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        posting.post(group, message(group, bob, T0.plusSeconds(10), "before dave"));

        Optional<Room> after = rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, added(alice, Set.of(dave)));

        assertThat(after).hasValueSatisfying(r -> assertThat(r.members()).containsExactlyInAnyOrder(alice, bob, carol, dave));
        assertThat(store.rooms().find(group.id())).isEqualTo(after);
        RoomSummary davesView = summaryOf(dave, group);
        assertThat(davesView.unreadCount()).as("history counts as read").isZero();
        assertThat(davesView.lastMessagePreview()).isEqualTo("before dave");
        posting.post(after.get(), message(group, bob, T0.plusSeconds(20), "welcome"));
        assertThat(summaryOf(dave, group).unreadCount()).isEqualTo(1);
        assertThat(history.messagesBefore(group.id(), Optional.empty(), 1).get(0).readBy()).doesNotContain(dave);
    }

    @Test
    void adding_beyond_the_limit_or_by_a_non_member_changes_nothing() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        UserId erin = user("erin");
        Room group = newRoom(alice, bob, carol);

        assertThat(rooms.addMembers(group, alice, Set.of(dave, erin), 4, ROOMS_EACH, added(alice, Set.of(dave, erin)))).isEmpty();
        assertThat(rooms.addMembers(group, dave, Set.of(erin), 50, ROOMS_EACH, added(dave, Set.of(erin)))).as("dave is no member").isEmpty();

        assertThat(store.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).isEmpty();
        assertThat(listing.roomsOf(erin, Optional.empty(), 10).rooms()).isEmpty();
    }

    @Test
    void adding_again_is_harmless() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        RoomChange change = added(alice, Set.of(dave));
        Room once = rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, change).orElseThrow();
        posting.post(once, message(group, bob, T0.plusSeconds(10), "hi dave"));

        assertThat(rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, change)).as("the same request again")
                .contains(once);
        assertThat(summaryOf(dave, group).unreadCount()).as("dave's read position stays").isEqualTo(1);
    }

    @Test
    void a_leaver_loses_the_room_from_their_list_at_once_and_later_messages_do_not_bring_it_back() {
        UserId carol = user("carol");
        Room group = newRoom(alice, bob, carol);

        Optional<Room> after = rooms.removeMember(group, carol, left(carol));

        assertThat(after).hasValueSatisfying(r -> assertThat(r.members()).containsExactlyInAnyOrder(alice, bob));
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).isEmpty();
        posting.post(group, message(group, alice, T0.plusSeconds(10), "sent by someone who read the room before"));
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).isEmpty();
        assertThat(summaryOf(bob, group).unreadCount()).isEqualTo(1);
        assertThat(rooms.removeMember(group, carol, left(carol))).as("leaving twice").isEmpty();
    }

    @Test
    void after_one_of_a_pair_leaves_their_direct_room_the_pair_can_start_a_new_one() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room first = room(carol, dave);
        rooms.createDirectRoom(first, created(first), ROOMS_EACH);

        assertThat(rooms.removeMember(first, dave, left(dave))).hasValueSatisfying(r -> assertThat(r.members()).containsExactly(carol));
        Room second = room(dave, carol);

        assertThat(rooms.createDirectRoom(second, created(second), ROOMS_EACH)).isEqualTo(new RoomChanges.DirectRoom.Created(second));
        assertThat(rooms.removeMember(first, carol, left(carol))).as("the last member leaves too")
                .hasValueSatisfying(r -> assertThat(r.members()).isEmpty());
        assertThat(store.rooms().find(first.id())).hasValueSatisfying(r -> assertThat(r.members()).isEmpty());
    }

    @Test
    void a_user_in_as_many_rooms_as_allowed_is_in_no_new_room_until_they_leave_one() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        List<Room> carols = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Room r = room(carol, user("friend"));
            rooms.createRoom(r, created(r), 3);
            carols.add(r);
        }
        Room fourth = room(carol, dave, alice);

        assertThatThrownBy(() -> rooms.createRoom(fourth, created(fourth), 3))
                .isInstanceOfSatisfying(TooManyRoomsException.class, e -> {
                    assertThat(e.users()).containsExactly(carol);
                    assertThat(e.maxRoomsPerUser()).isEqualTo(3);
                });
        Room direct = room(carol, dave);
        assertThatThrownBy(() -> rooms.createDirectRoom(direct, created(direct), 3))
                .isInstanceOf(TooManyRoomsException.class);

        assertThat(store.rooms().find(fourth.id())).as("nothing stored").isEmpty();
        assertThat(store.rooms().find(direct.id())).isEmpty();
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).as("dave's list untouched").isEmpty();
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).hasSize(3);
        rooms.removeMember(carols.get(0), carol, left(carol));
        rooms.createRoom(fourth, created(fourth), 3);
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .contains(fourth.id()).hasSize(3);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).hasSize(1);
    }

    @Test
    void adding_a_user_in_as_many_rooms_as_allowed_changes_nothing() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        Room davesOnly = room(dave, user("friend"));
        rooms.createRoom(davesOnly, created(davesOnly), 1);

        assertThatThrownBy(() -> rooms.addMembers(group, alice, Set.of(dave, user("erin")), 50, 1, added(alice, Set.of(dave, user("erin")))))
                .isInstanceOfSatisfying(TooManyRoomsException.class,
                        e -> assertThat(e.users()).containsExactly(dave));

        assertThat(store.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .containsExactly(davesOnly.id());
    }
}
