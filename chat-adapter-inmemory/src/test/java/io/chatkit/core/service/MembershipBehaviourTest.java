package io.chatkit.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomChange.Kind;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.MembershipUseCase.MembershipChanged;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.domain.RoomSummary;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MembershipBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");
    private final UserId dave = UserId.of("dave");

    @Test
    void a_leaver_loses_the_room_at_once_and_the_others_are_told() {
        ConnectionId bobsTab = h.connect(bob);
        ConnectionId carolsTab = h.connect(carol);
        Room group = h.createRoom(alice, bob, carol);
        h.pusher.clear();

        MembershipChanged left = h.accepted(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id())));

        assertThat(left.room().members()).containsExactlyInAnyOrder(alice, bob);
        assertThat(roomsOf(carol)).isEmpty();
        assertThat(h.send(carolsTab, group.id(), "still here?")).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.NOT_A_MEMBER));
        assertThat(h.pusher.deliveredTo(bobsTab, Notification.MessagePosted.class)).singleElement()
                .satisfies(posted -> {
                    assertThat(posted.message().type()).isEqualTo(MessageType.SYSTEM);
                    assertThat(posted.message().content().text()).isEqualTo("carol left");
                });
        assertThat(h.pusher.deliveredTo(carolsTab)).as("the leaver is told by the reply alone").isEmpty();
        assertThat(h.accepted(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id()))).notice())
                .as("leaving again answers as the leave did: a retry").isEqualTo(left.notice());
    }

    @Test
    void a_direct_room_can_be_left_and_the_pair_then_gets_a_new_one() {
        Room direct = h.createRoom(alice, bob);

        h.accepted(h.chat.membership().leave(new LeaveRoomCommand(bob, direct.id())));
        Room again = h.createRoom(bob, alice);

        assertThat(again.id()).isNotEqualTo(direct.id());
        assertThat(roomsOf(alice)).extracting(summary -> summary.room().id())
                .containsExactlyInAnyOrder(direct.id(), again.id());
    }

    @Test
    void added_members_get_the_room_and_everyone_gets_the_notice() {
        ConnectionId bobsTab = h.connect(bob);
        ConnectionId davesTab = h.connect(dave);
        Room group = h.createRoom(alice, bob, carol);
        h.pusher.clear();

        MembershipChanged added = h.accepted(h.chat.membership().addMembers(
                new AddMembersCommand(alice, group.id(), Set.of(dave, bob))));

        assertThat(added.changed()).as("bob was a member already").containsExactly(dave);
        assertThat(added.room().members()).containsExactlyInAnyOrder(alice, bob, carol, dave);
        assertThat(h.pusher.deliveredTo(davesTab, Notification.RoomCreated.class)).singleElement()
                .satisfies(created -> assertThat(created.room().members()).contains(dave));
        assertThat(h.pusher.deliveredTo(davesTab, Notification.MessagePosted.class)).singleElement()
                .satisfies(posted -> assertThat(posted.message().content().text()).isEqualTo("alice added dave"));
        assertThat(h.pusher.deliveredTo(bobsTab, Notification.MessagePosted.class)).hasSize(1);
        assertThat(h.pusher.deliveredTo(bobsTab, Notification.RoomCreated.class)).isEmpty();
        assertThat(roomsOf(dave)).singleElement().satisfies(summary -> assertThat(summary.unreadCount()).isEqualTo(1));
    }

    @Test
    void retrying_an_addition_whose_notice_failed_posts_it_once_and_tells_the_added_of_the_room() {
        ConnectionId davesTab = h.connect(dave);
        ConnectionId bobsTab = h.connect(bob);
        Room group = h.createRoom(alice, bob, carol);
        // the first attempt stored dave as a member with its change, then failed before its notice (answered 500)
        RoomChange change = new RoomChange(Kind.ADDED, alice, Set.of(dave), MessageId.of(h.clock.instant(), "n1"));
        Room stored = new RoomChanges(h.messages).addMembers(group, alice, Set.of(dave), 50, 1_000, change)
                .orElseThrow();
        h.pusher.clear();

        MembershipChanged retried = h.accepted(h.chat.membership().addMembers(
                new AddMembersCommand(alice, group.id(), Set.of(dave))));
        MembershipChanged again = h.accepted(h.chat.membership().addMembers(
                new AddMembersCommand(alice, group.id(), Set.of(dave))));

        assertThat(retried.notice()).hasValueSatisfying(notice ->
                assertThat(notice.content().text()).isEqualTo("alice added dave"));
        assertThat(again.notice().map(Message::id)).as("stored once, told again").isEqualTo(retried.notice()
                .map(Message::id));
        assertThat(noticesIn(group)).containsExactly("room created", "alice added dave");
        assertThat(h.pusher.deliveredTo(bobsTab, Notification.MessagePosted.class)).hasSize(2);
        assertThat(h.pusher.deliveredTo(davesTab, Notification.RoomCreated.class)).hasSize(2)
                .allSatisfy(created -> assertThat(created.room()).isEqualTo(stored));
    }

    @Test
    void retrying_a_leave_whose_notice_failed_posts_it_once() {
        ConnectionId bobsTab = h.connect(bob);
        Room group = h.createRoom(alice, bob, carol);
        // the first attempt took carol out with its change, then failed before its notice (answered 500)
        RoomChange change = new RoomChange(Kind.LEFT, carol, Set.of(carol), MessageId.of(h.clock.instant(), "n2"));
        new RoomChanges(h.messages).removeMember(group, carol, change).orElseThrow();
        h.pusher.clear();

        MembershipChanged retried = h.accepted(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id())));
        h.accepted(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id())));

        assertThat(retried.notice()).hasValueSatisfying(notice ->
                assertThat(notice.content().text()).isEqualTo("carol left"));
        assertThat(noticesIn(group)).containsExactly("room created", "carol left");
        assertThat(h.pusher.deliveredTo(bobsTab, Notification.MessagePosted.class)).hasSize(2);
        assertRejected(h.chat.membership().leave(new LeaveRoomCommand(dave, group.id())), Rejection.Code.NOT_A_MEMBER);
    }

    @Test
    void a_leave_is_finished_only_while_it_is_the_rooms_latest_change_and_younger_than_a_day() {
        Room group = h.createRoom(alice, bob, carol);
        h.accepted(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id())));
        h.accepted(h.chat.membership().leave(new LeaveRoomCommand(bob, group.id())));

        assertRejected(h.chat.membership().leave(new LeaveRoomCommand(carol, group.id())), Rejection.Code.NOT_A_MEMBER);
        h.clock.advance(java.time.Duration.ofDays(1));
        assertRejected(h.chat.membership().leave(new LeaveRoomCommand(bob, group.id())), Rejection.Code.NOT_A_MEMBER);
        assertThat(noticesIn(group)).containsExactly("room created", "carol left", "bob left");
    }

    private java.util.List<String> noticesIn(Room room) {
        return new RoomHistory(h.messages).messagesAfter(room.id(), MessageId.of(java.time.Instant.EPOCH, "0"), 100)
                .stream().map(message -> message.content().text()).toList();
    }

    @Test
    void members_are_added_to_groups_only_by_members_and_up_to_fifty() {
        Room direct = h.createRoom(alice, bob);
        Room group = h.createRoom(alice, bob, carol);
        Set<UserId> fortyEight = IntStream.range(0, 48).mapToObj(i -> UserId.of("extra" + i)).collect(Collectors.toSet());

        assertRejected(h.chat.membership().addMembers(new AddMembersCommand(alice, direct.id(), Set.of(carol))),
                Rejection.Code.INVALID_INPUT);
        assertRejected(h.chat.membership().addMembers(new AddMembersCommand(dave, group.id(), Set.of(dave))),
                Rejection.Code.NOT_A_MEMBER);
        assertRejected(h.chat.membership().addMembers(new AddMembersCommand(alice, group.id(), fortyEight)),
                Rejection.Code.INVALID_INPUT);

        assertThat(h.messages.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(h.messages.rooms().find(direct.id()).orElseThrow().type()).isEqualTo(RoomType.DIRECT);
        fortyEight.remove(fortyEight.iterator().next());
        assertThat(h.accepted(h.chat.membership().addMembers(new AddMembersCommand(alice, group.id(), fortyEight)))
                .room().members()).hasSize(50);
    }

    private java.util.List<RoomSummary> roomsOf(UserId user) {
        Page<RoomSummary> page = h.accepted(h.chat.listRooms().listRooms(
                new ListRoomsQuery(user, PageSize.of(10), Optional.empty()))).page();
        return page.items();
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(code));
    }
}
