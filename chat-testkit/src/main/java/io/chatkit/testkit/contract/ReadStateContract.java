package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.service.RoomHistory.MarkReadResult;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its read state: read positions and who read what. */
public abstract class ReadStateContract extends RoomListContract {
    // --- read state

    @Test
    void marking_read_adds_the_reader_to_every_message_up_to_that_one() {
        Message m1 = append(alice, T0.plusSeconds(1), "1");
        Message m2 = append(alice, T0.plusSeconds(2), "2");
        Message m3 = append(alice, T0.plusSeconds(3), "3");

        MarkReadResult result = history.markRead(room.id(), bob, m2.id(), T0.plusSeconds(4));

        assertThat(result).isEqualTo(new MarkReadResult.Marked(2));
        List<Message> all = history.messagesAfter(room.id(), MessageId.of(T0, "0"), 10);
        java.util.Map<MessageId, Message> byId = all.stream()
                .collect(java.util.stream.Collectors.toMap(Message::id, m -> m));
        assertThat(byId).containsKeys(m1.id(), m2.id(), m3.id());
        assertThat(byId.get(m1.id()).readBy()).containsExactlyInAnyOrder(alice, bob);
        assertThat(byId.get(m2.id()).readBy()).containsExactlyInAnyOrder(alice, bob);
        assertThat(byId.get(m3.id()).readBy()).containsExactly(alice);
        assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(1);
        assertThat(summaryOf(alice, room).unreadCount()).isZero();
    }

    @Test
    void marking_read_twice_is_harmless() {
        Message m1 = append(alice, T0.plusSeconds(1), "1");
        history.markRead(room.id(), bob, m1.id(), T0.plusSeconds(2));

        assertThat(history.markRead(room.id(), bob, m1.id(), T0.plusSeconds(3))).isEqualTo(new MarkReadResult.Marked(0));
        assertThat(summaryOf(bob, room).unreadCount()).isZero();
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1).get(0).readBy())
                .containsExactlyInAnyOrder(alice, bob);
    }

    @Test
    void marking_read_a_message_of_another_room_changes_nothing() {
        Room other = newRoom(alice, bob);
        Message elsewhere = message(other, alice, T0.plusSeconds(1), "elsewhere");
        posting.post(other, elsewhere);
        append(alice, T0.plusSeconds(2), "here");

        assertThat(history.markRead(room.id(), bob, elsewhere.id(), T0.plusSeconds(3)))
                .isInstanceOf(MarkReadResult.NoSuchMessage.class);
        assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(1);
        assertThat(summaryOf(bob, other).unreadCount()).isEqualTo(1);
    }

    @Test
    void sending_reads_the_room_up_to_the_senders_message() {
        Message fromBob = append(bob, T0.plusSeconds(1), "question");
        append(bob, T0.plusSeconds(2), "another");
        Message reply = append(alice, T0.plusSeconds(3), "answer");

        assertThat(summaryOf(alice, room).unreadCount()).isZero();
        assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(1);
        List<Message> newestFirst = history.messagesBefore(room.id(), Optional.empty(), 3);
        assertThat(newestFirst).extracting(Message::id).startsWith(reply.id()).endsWith(fromBob.id());
        assertThat(newestFirst.get(2).readBy()).containsExactlyInAnyOrder(alice, bob);
        assertThat(newestFirst.get(0).readBy()).containsExactly(alice);
    }

    @Test
    void marking_read_costs_the_same_however_far_the_position_moves() {
        Message last = null;
        for (int i = 0; i < 250; i++) {
            last = append(alice, T0.plusSeconds(1).plusMillis(i), "m" + i);
        }

        assertThat(history.markRead(room.id(), bob, last.id(), T0.plusSeconds(9))).isEqualTo(new MarkReadResult.Marked(250));
        assertThat(summaryOf(bob, room).unreadCount()).isZero();
        assertThat(wholeHistoryNewestFirst(100)).allSatisfy(m -> assertThat(m.readBy()).contains(bob)).hasSize(251);
    }

    @Test
    void the_sender_never_has_their_own_message_unread() {
        append(alice, T0.plusSeconds(1), "mine");

        assertThat(summaryOf(alice, room).unreadCount()).isZero();
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1).get(0).readBy()).containsExactly(alice);
    }
}
