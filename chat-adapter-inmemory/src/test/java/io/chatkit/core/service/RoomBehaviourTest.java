package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreatedRoom;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RoomBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");

    @Test
    void two_members_make_a_direct_room_and_the_creator_is_always_a_member() {
        Room room = h.createRoom(alice, bob);

        assertThat(room.type()).isEqualTo(RoomType.DIRECT);
        assertThat(room.members()).containsExactly(alice, bob);
    }

    @Test
    void a_pair_has_one_unnamed_direct_room_and_asking_again_returns_it_telling_nobody() {
        ConnectionId bobsTab = h.connect(bob);
        CreatedRoom first = h.accepted(h.chat.createRoom().createOrReuse(
                new CreateRoomCommand(alice, Set.of(bob), RoomName.NONE)));
        h.pusher.clear();

        CreatedRoom again = h.accepted(h.chat.createRoom().createOrReuse(
                new CreateRoomCommand(bob, Set.of(alice), RoomName.NONE)));
        CreatedRoom named = h.accepted(h.chat.createRoom().createOrReuse(
                new CreateRoomCommand(alice, Set.of(bob), RoomName.of("plans"))));

        assertThat(first.existing()).isFalse();
        assertThat(again).isEqualTo(new CreatedRoom(first.room(), true));
        assertThat(named.existing()).isFalse();
        assertThat(named.room().id()).as("a named room is a new room").isNotEqualTo(first.room().id());
        assertThat(h.pusher.deliveredTo(bobsTab)).as("only the named room is news")
                .containsExactly(new Notification.RoomCreated(named.room()));
        assertThat(new RoomListing(h.messages).roomsOf(bob, Optional.empty(), 10).rooms()).hasSize(2);
    }

    @Test
    void three_to_fifty_members_make_a_group() {
        assertThat(h.createRoom(alice, bob, carol).type()).isEqualTo(RoomType.GROUP);
        assertThat(h.createRoom(alice, others(49)).members()).hasSize(50);
    }

    @Test
    void a_room_of_one_or_of_fifty_one_is_rejected_and_nothing_is_stored() {
        assertRejectedAsInvalid(Set.of());
        assertRejectedAsInvalid(Set.of(alice));
        assertRejectedAsInvalid(Set.of(others(50)));

        assertThat(new RoomListing(h.messages).roomsOf(alice, Optional.empty(), 10).rooms()).isEmpty();
    }

    @Test
    void a_new_room_starts_with_a_system_message_nobody_has_to_read() {
        Room room = h.createRoom(alice, bob, carol);

        var first = new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10);
        assertThat(first).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
            assertThat(m.content().text()).isEqualTo("room created");
        });
        assertThat(new RoomListing(h.messages).roomsOf(bob, Optional.empty(), 10).rooms()).singleElement()
                .satisfies(s -> assertThat(s.unreadCount()).isZero());
    }

    @Test
    void every_member_gets_a_membership_so_the_room_is_in_their_list() {
        Room room = h.createRoom(alice, bob, carol);

        for (UserId member : room.members()) {
            assertThat(new RoomListing(h.messages).roomsOf(member, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                    .containsExactly(room.id());
        }
    }

    @Test
    void members_who_are_online_are_told_about_the_new_room() {
        ConnectionId bobsTab = h.connect(bob);
        ConnectionId strangersTab = h.connect(UserId.of("stranger"));

        Room room = h.createRoom(alice, bob);

        assertThat(h.pusher.deliveredTo(bobsTab)).containsExactly(new Notification.RoomCreated(room));
        assertThat(h.pusher.deliveredTo(strangersTab)).isEmpty();
    }

    private void assertRejectedAsInvalid(Set<UserId> others) {
        Outcome<Room> outcome = h.chat.createRoom().createRoom(new CreateRoomCommand(alice, others, RoomName.NONE));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.INVALID_INPUT));
    }

    private static UserId[] others(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> UserId.of("member" + i))
                .collect(Collectors.toList()).toArray(UserId[]::new);
    }

    @Test
    void the_connection_the_room_is_the_reply_to_is_not_also_told_the_creators_other_tabs_are() {
        ConnectionId aliceLaptop = h.connect(alice);
        ConnectionId alicePhone = h.connect(alice);
        ConnectionId bobsTab = h.connect(bob);

        CreatedRoom created = h.accepted(h.chat.createRoom().createOrReuse(
                new CreateRoomCommand(alice, Set.of(bob), RoomName.of("plans"), Optional.of(aliceLaptop))));

        Notification told = new Notification.RoomCreated(created.room());
        assertThat(h.pusher.deliveredTo(aliceLaptop)).isEmpty();
        assertThat(h.pusher.deliveredTo(alicePhone)).containsExactly(told);
        assertThat(h.pusher.deliveredTo(bobsTab)).containsExactly(told);
    }
}
