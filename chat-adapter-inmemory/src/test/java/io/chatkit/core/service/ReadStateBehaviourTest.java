package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MarkReadUseCase.ReadReceipt;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadStateBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private ConnectionId aliceTab;
    private ConnectionId bobTab;
    private Room dm;

    @BeforeEach
    void aDirectRoom() {
        aliceTab = h.connect(alice);
        bobTab = h.connect(bob);
        dm = h.createRoom(alice, bob);
    }

    @Test
    void reading_up_to_a_message_reads_everything_before_it_too_and_the_unread_count_drops() {
        Message m1 = accepted(h.send(aliceTab, dm.id(), "1")).message();
        Message m2 = accepted(h.send(aliceTab, dm.id(), "2")).message();
        accepted(h.send(aliceTab, dm.id(), "3"));

        ReadReceipt receipt = accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), m2.id())));

        assertThat(receipt.newlyRead()).isEqualTo(2);
        assertThat(unreadOf(bob)).isEqualTo(1);
        assertThat(new RoomHistory(h.messages).messagesBefore(dm.id(), Optional.empty(), 10))
                .filteredOn(m -> m.id().equals(m1.id()) || m.id().equals(m2.id()))
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.readBy()).contains(bob));
    }

    @Test
    void in_a_direct_room_a_message_read_by_two_is_seen() {
        Message m1 = accepted(h.send(aliceTab, dm.id(), "did you see this?")).message();

        accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), m1.id())));

        Message stored = new RoomHistory(h.messages).messagesBefore(dm.id(), Optional.empty(), 1).get(0);
        assertThat(stored.id()).isEqualTo(m1.id());
        assertThat(stored.readBy()).as("seen: the sender and the reader").containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void the_other_members_get_a_read_receipt_the_reader_does_not() {
        Message m1 = accepted(h.send(aliceTab, dm.id(), "hi")).message();
        h.pusher.clear();

        ReadReceipt receipt = accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), m1.id())));

        assertThat(h.pusher.deliveredTo(aliceTab)).containsExactly(
                new Notification.MessagesRead(dm.id(), bob, m1.id(), receipt.readAt()));
        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
    }

    @Test
    void marking_read_again_is_harmless_and_sends_no_new_receipt() {
        Message m1 = accepted(h.send(aliceTab, dm.id(), "hi")).message();
        accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), m1.id())));
        h.pusher.clear();

        ReadReceipt again = accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), m1.id())));

        assertThat(again.newlyRead()).isZero();
        assertThat(unreadOf(bob)).isZero();
        assertThat(h.pusher.deliveries()).isEmpty();
    }

    @Test
    void a_stranger_cannot_mark_read_and_a_message_of_another_room_is_unknown_here() {
        Message m1 = accepted(h.send(aliceTab, dm.id(), "hi")).message();
        Room other = h.createRoom(alice, bob, UserId.of("carol"));
        Message elsewhere = accepted(h.send(aliceTab, other.id(), "elsewhere")).message();

        assertRejected(h.chat.markRead().markRead(new MarkReadCommand(UserId.of("mallory"), dm.id(), m1.id())),
                Rejection.Code.NOT_A_MEMBER);
        assertRejected(h.chat.markRead().markRead(new MarkReadCommand(bob, dm.id(), elsewhere.id())),
                Rejection.Code.UNKNOWN_MESSAGE);
        assertThat(unreadOf(bob)).isEqualTo(1);
    }

    private int unreadOf(UserId user) {
        return new RoomListing(h.messages).roomsOf(user, Optional.empty(), 10).rooms().stream()
                .filter(s -> s.room().id().equals(dm.id())).findFirst().orElseThrow().unreadCount();
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(code));
    }
}
