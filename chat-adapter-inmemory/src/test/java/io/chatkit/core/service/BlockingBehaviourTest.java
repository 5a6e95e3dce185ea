package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase;
import io.chatkit.core.port.in.BlockUseCase.BlockCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.GetMessagesUseCase.MessagesPage;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A user who blocked another is not put in a room by them, and gets no pushes of their messages in the rooms they
 * share; history still shows those messages, marked.
 */
class BlockingBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");
    private final UserId dave = UserId.of("dave");

    @Test
    void a_blocker_gets_no_pushes_of_the_blocked_in_the_rooms_they_share_and_others_still_do() {
        ConnectionId alicesTab = h.connect(alice);
        ConnectionId bobsTab = h.connect(bob);
        ConnectionId carolsTab = h.connect(carol);
        Room group = h.createRoom(carol, alice, bob);
        Room direct = h.createRoom(alice, bob);
        h.pusher.clear();

        accepted(h.chat.blocking().block(new BlockCommand(alice, bob)));
        Message unseen = accepted(h.send(bobsTab, group.id(), "can you hear me?")).message();
        accepted(h.send(bobsTab, direct.id(), "hello?"));
        accepted(h.send(carolsTab, group.id(), "I can"));

        assertThat(h.pusher.deliveredTo(alicesTab, Notification.MessagePosted.class))
                .extracting(posted -> posted.message().content().text()).containsExactly("I can");
        assertThat(h.pusher.deliveredTo(carolsTab, Notification.MessagePosted.class))
                .extracting(posted -> posted.message().id()).containsExactly(unseen.id());
        MessagesPage history = history(alice, group);
        assertThat(history.page().items()).extracting(Message::id).contains(unseen.id());
        assertThat(history.blocked()).as("marked for alice").containsExactly(bob);
        assertThat(history(carol, group).blocked()).as("not for carol").isEmpty();
    }

    @Test
    void unblocking_brings_the_pushes_back() {
        ConnectionId alicesTab = h.connect(alice);
        ConnectionId bobsTab = h.connect(bob);
        Room direct = h.createRoom(alice, bob);
        accepted(h.chat.blocking().block(new BlockCommand(alice, bob)));
        accepted(h.chat.blocking().unblock(new BlockCommand(alice, bob)));
        h.pusher.clear();

        accepted(h.send(bobsTab, direct.id(), "back"));

        assertThat(h.pusher.deliveredTo(alicesTab, Notification.MessagePosted.class)).hasSize(1);
        assertThat(accepted(h.chat.blocking().listBlocked(alice))).isEmpty();
        assertThat(history(alice, direct).blocked()).isEmpty();
    }

    @Test
    void the_blocked_cannot_put_the_blocker_in_a_room_and_nothing_changes() {
        Room group = h.createRoom(bob, carol, dave);
        accepted(h.chat.blocking().block(new BlockCommand(alice, bob)));

        assertBlocked(h.chat.createRoom().createOrReuse(new CreateRoomCommand(bob, Set.of(alice), RoomName.NONE,
                Optional.empty())));
        assertBlocked(h.chat.createRoom().createOrReuse(new CreateRoomCommand(bob, Set.of(alice, carol),
                RoomName.of("with alice"), Optional.empty())));
        assertBlocked(h.chat.membership().addMembers(new AddMembersCommand(bob, group.id(), Set.of(alice))));

        assertThat(new RoomListing(h.messages).roomsOf(alice, Optional.empty(), 10).rooms()).isEmpty();
        assertThat(new RoomListing(h.messages).roomsOf(bob, Optional.empty(), 10).rooms()).hasSize(1);
        assertThat(h.messages.rooms().find(group.id()).orElseThrow().members()).doesNotContain(alice);
        assertThat(h.chat.createRoom().createOrReuse(new CreateRoomCommand(alice, Set.of(bob), RoomName.NONE,
                Optional.empty()))).as("the blocker may still start one").isInstanceOf(Outcome.Accepted.class);
    }

    @Test
    void a_room_someone_else_puts_the_pair_in_mutes_them_and_a_leave_takes_the_mute_along() {
        ConnectionId alicesTab = h.connect(alice);
        ConnectionId bobsTab = h.connect(bob);
        accepted(h.chat.blocking().block(new BlockCommand(alice, bob)));
        Room made = h.createRoom(carol, alice, bob);
        Room grown = h.createRoom(carol, alice, dave);
        accepted(h.chat.membership().addMembers(new AddMembersCommand(carol, grown.id(), Set.of(bob))));
        h.pusher.clear();

        accepted(h.send(bobsTab, made.id(), "in carol's room"));
        accepted(h.send(bobsTab, grown.id(), "added by carol"));
        assertThat(h.pusher.deliveredTo(alicesTab, Notification.MessagePosted.class)).isEmpty();

        accepted(h.chat.membership().leave(new LeaveRoomCommand(bob, grown.id())));
        assertThat(h.messages.rooms().find(grown.id()).orElseThrow().mutes()).isEmpty();
        accepted(h.chat.blocking().unblock(new BlockCommand(alice, bob)));
        accepted(h.chat.membership().addMembers(new AddMembersCommand(carol, grown.id(), Set.of(bob))));
        h.pusher.clear();
        accepted(h.send(bobsTab, grown.id(), "unblocked now"));
        assertThat(h.pusher.deliveredTo(alicesTab, Notification.MessagePosted.class)).hasSize(1);
    }

    @Test
    void a_user_blocks_at_most_a_hundred_others_and_never_themselves() {
        for (int i = 0; i < BlockUseCase.MAX_BLOCKED; i++) {
            accepted(h.chat.blocking().block(new BlockCommand(alice, UserId.of("spammer" + i))));
        }

        assertRejected(h.chat.blocking().block(new BlockCommand(alice, UserId.of("one-more"))),
                Rejection.Code.INVALID_INPUT);
        assertThat(h.chat.blocking().block(new BlockCommand(alice, UserId.of("spammer7"))))
                .as("blocking again is no new block").isInstanceOf(Outcome.Accepted.class);
        assertRejected(h.chat.blocking().block(new BlockCommand(bob, bob)), Rejection.Code.INVALID_INPUT);
        assertThat(accepted(h.chat.blocking().listBlocked(alice))).hasSize(BlockUseCase.MAX_BLOCKED)
                .doesNotContain(UserId.of("one-more"));
    }

    private MessagesPage history(UserId reader, Room room) {
        return accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(reader, room.id(), PageSize.of(50),
                Optional.empty(), Optional.empty())));
    }

    private static void assertBlocked(Outcome<?> outcome) {
        assertRejected(outcome, Rejection.Code.BLOCKED);
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
