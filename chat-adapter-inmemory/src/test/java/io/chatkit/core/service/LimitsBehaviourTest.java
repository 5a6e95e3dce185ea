package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreatedRoom;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The default limits of one user ({@link ChatLimits#DEFAULTS}), and that they are that user's alone. */
class LimitsBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId mallory = UserId.of("mallory");
    private final UserId alice = UserId.of("alice");

    @Test
    void sixty_frames_at_once_then_every_action_is_rate_limited_and_changes_nothing_while_others_go_on() {
        ConnectionId malloryTab = h.connect(mallory);
        ConnectionId malloryPhone = h.connect(mallory);
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, mallory);
        for (int i = 0; i < 60; i++) {
            assertThat(h.chat.identify().userOf(i % 2 == 0 ? malloryTab : malloryPhone))
                    .as("frame %d", i + 1).isInstanceOf(Outcome.Accepted.class);
        }
        h.pusher.clear();

        Outcome<?> sent = send(malloryPhone, room, "one too many");

        assertRateLimited(sent, Duration.ofMillis(50));
        assertRateLimited(h.chat.identify().userOf(malloryTab), Duration.ofMillis(50));
        assertThat(h.pusher.deliveries()).as("nothing was pushed").isEmpty();
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).as("nothing was stored")
                .noneMatch(message -> message.content().text().equals("one too many"));
        assertThat(send(aliceTab, room, "alice is not limited")).isInstanceOf(Outcome.Accepted.class);
        h.clock.advance(Duration.ofMillis(50));
        assertThat(h.chat.identify().userOf(malloryTab)).as("one interval later").isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void the_eleventh_connection_of_a_user_is_refused_and_another_users_first_is_not() {
        for (int i = 0; i < 10; i++) {
            h.connect(mallory);
        }

        Outcome<?> eleventh = h.chat.connect().connect(
                new ConnectCommand(ConnectionId.of("eleventh="), mallory, h.clock.instant()));

        assertThat(eleventh).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.RATE_LIMITED));
        assertThat(h.connections.find(ConnectionId.of("eleventh="), h.clock.instant())).isEmpty();
        assertThat(h.connections.liveConnectionsOf(Set.of(mallory), h.clock.instant())).hasSize(10);
        assertThat(h.chat.connect().connect(new ConnectCommand(ConnectionId.of("alices="), alice, h.clock.instant())))
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void twenty_connects_at_once_then_one_every_3_seconds_however_many_are_closed_meanwhile() {
        int accepted = 0;
        for (int i = 0; i < 60; i++) {
            ConnectionId id = ConnectionId.of("churn" + i + "=");
            Outcome<?> connected = h.chat.connect().connect(new ConnectCommand(id, mallory, h.clock.instant()));
            if (connected instanceof Outcome.Accepted) {
                accepted++;
                h.chat.disconnect().disconnect(new DisconnectCommand(id)); // never 10 live at once
            } else {
                assertRateLimited(connected, Duration.ofSeconds(3));
                assertThat(h.connections.lookup(id)).as("a refused connect stores nothing").isEmpty();
            }
        }

        assertThat(accepted).as("of 60 connects in the same second").isEqualTo(20);
        assertThat(h.chat.connect().connect(new ConnectCommand(ConnectionId.of("alices="), alice, h.clock.instant())))
                .as("another user's").isInstanceOf(Outcome.Accepted.class);
        h.clock.advance(Duration.ofSeconds(3));
        assertThat(h.chat.connect().connect(new ConnectCommand(ConnectionId.of("later="), mallory, h.clock.instant())))
                .as("3 s later").isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void thirty_rooms_an_hour_and_the_thirty_first_is_refused_without_a_trace() {
        for (int i = 0; i < 30; i++) {
            h.createRoom(mallory, UserId.of("victim" + i));
        }

        Outcome<?> more = h.chat.createRoom().createRoom(
                new CreateRoomCommand(mallory, Set.of(alice), RoomName.of("spam")));

        assertRateLimited(more, Duration.ofMinutes(2));
        assertThat(h.chat.listRooms().listRooms(new ListRoomsQuery(alice, PageSize.of(10), Optional.empty())))
                .isInstanceOfSatisfying(Outcome.Accepted.class,
                        page -> assertThat(((io.chatkit.core.port.in.ListRoomsUseCase.RoomsPage) page.value()).page().items())
                                .isEmpty());
        assertThat(h.chat.createRoom().createRoom(new CreateRoomCommand(alice, Set.of(mallory), RoomName.of("ok"))))
                .as("alice has allowances of her own").isInstanceOf(Outcome.Accepted.class);
        h.clock.advance(Duration.ofMinutes(2));
        assertThat(h.chat.createRoom().createRoom(new CreateRoomCommand(mallory, Set.of(alice), RoomName.of("later"))))
                .as("two minutes later, one more").isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void adding_members_and_asking_again_for_a_direct_room_count_against_the_same_thirty_room_changes() {
        Room group = h.createRoom(mallory, alice, UserId.of("bob"));                              // 1
        for (int i = 0; i < 14; i++) {
            assertThat(direct(mallory, UserId.of("victim" + i))).isInstanceOfSatisfying(Outcome.Accepted.class,
                    created -> assertThat(((CreatedRoom) created.value()).existing()).isFalse());  // 15
        }
        for (int i = 0; i < 14; i++) {
            assertThat(direct(mallory, UserId.of("victim" + i))).isInstanceOfSatisfying(Outcome.Accepted.class,
                    found -> assertThat(((CreatedRoom) found.value()).existing()).isTrue());       // 29
        }
        assertThat(addMembers(group, UserId.of("carol"))).isInstanceOf(Outcome.Accepted.class);     // 30

        assertRateLimited(addMembers(group, UserId.of("dave")), Duration.ofMinutes(2));
        assertRateLimited(direct(mallory, UserId.of("victim0")), Duration.ofMinutes(2));
        assertThat(group.members()).doesNotContain(UserId.of("dave"));
        assertThat(new RoomListing(h.messages).roomsOf(UserId.of("dave"), Optional.empty(), 10).rooms()).as("dave was not added").isEmpty();
    }

    @Test
    void a_user_in_as_many_rooms_as_allowed_is_put_in_no_other_by_creating_or_adding_until_they_leave_one() {
        ChatHarness small = new ChatHarness(ChatLimits.DEFAULTS.withRoomsPerUser(2));
        UserId carol = UserId.of("carol");
        Room first = small.createRoom(carol, UserId.of("frank"));
        small.createRoom(carol, UserId.of("bob"));
        Room group = small.createRoom(alice, UserId.of("bob"), UserId.of("dave"));
        small.pusher.clear();

        Outcome<?> created = small.chat.createRoom().createRoom(
                new CreateRoomCommand(alice, Set.of(carol, UserId.of("erin")), RoomName.of("one too many")));
        Outcome<?> added = small.chat.membership().addMembers(new AddMembersCommand(alice, group.id(), Set.of(carol)));

        for (Outcome<?> refused : java.util.List.of(created, added)) {
            assertThat(refused).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
                assertThat(r.rejection().code()).isEqualTo(Rejection.Code.TOO_MANY_ROOMS);
                assertThat(r.rejection().message()).isEqualTo(
                        "carol belongs to 2 rooms already, the most one may; leave a room first");
            });
        }
        assertThat(small.pusher.deliveries()).as("nothing pushed").isEmpty();
        assertThat(new RoomListing(small.messages).roomsOf(UserId.of("erin"), Optional.empty(), 10).rooms()).isEmpty();
        assertThat(small.messages.rooms().find(group.id()).orElseThrow().members()).doesNotContain(carol);
        small.chat.membership().leave(new io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand(carol, first.id()));
        assertThat(small.chat.membership().addMembers(new AddMembersCommand(alice, group.id(), Set.of(carol))))
                .as("after leaving one").isInstanceOf(Outcome.Accepted.class);
    }

    private Outcome<CreatedRoom> direct(UserId creator, UserId other) {
        return h.chat.createRoom().createOrReuse(new CreateRoomCommand(creator, Set.of(other), RoomName.NONE));
    }

    private Outcome<?> addMembers(Room room, UserId added) {
        return h.chat.membership().addMembers(new AddMembersCommand(mallory, room.id(), Set.of(added)));
    }

    private Outcome<?> send(ConnectionId from, Room room, String text) {
        // the user of the connection, as a runtime knows it
        return h.chat.identify().whoIs(from).then(sender -> h.chat.sendMessage().send(
                new SendMessageCommand(sender, from, room.id(), MessageContent.of(text), Optional.empty())));
    }

    private static void assertRateLimited(Outcome<?> outcome, Duration retryAfter) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
            assertThat(r.rejection().code()).isEqualTo(Rejection.Code.RATE_LIMITED);
            assertThat(r.rejection().retryAfter()).isEqualTo(retryAfter);
        });
    }
}
