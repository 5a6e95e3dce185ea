package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MarkUnreadUseCase.MarkUnreadCommand;
import io.chatkit.core.port.in.MarkUnreadUseCase.Unread;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Marking a message unread: it and everything after it are unread for the member, their unread count and the
 * {@code readBy} of those messages follow, their other tabs are told, and nobody else is.
 */
class MarkUnreadBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");

    @Test
    void a_message_and_everything_after_it_become_unread_and_the_readers_other_tabs_hear_it() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobLaptop = h.connect(bob);
        ConnectionId bobPhone = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(accepted(h.send(aliceTab, room.id(), "m" + i)).message());
        }
        accepted(h.chat.markRead().markRead(new MarkReadCommand(bob, room.id(), sent.get(4).id())));
        h.pusher.clear();

        Unread unread = accepted(markUnread(bob, bobLaptop, room, sent.get(2).id()));

        assertThat(unread.unreadCount()).as("m2, m3 and m4").isEqualTo(3);
        assertThat(h.pusher.deliveredTo(bobPhone)).containsExactly(new Notification.MarkedUnread(room.id(), bob, 3));
        assertThat(h.pusher.deliveredTo(bobLaptop)).as("the answer is the laptop's").isEmpty();
        assertThat(h.pusher.deliveredTo(aliceTab)).as("receipts to others do not move back").isEmpty();
        assertThat(unreadCount(bob)).isEqualTo(3);
        List<Message> history = accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(bob, room.id(),
                PageSize.of(10), Optional.empty(), Optional.empty()))).page().items();
        assertThat(history).filteredOn(message -> message.content().text().matches("m[234]"))
                .hasSize(3).allSatisfy(message -> assertThat(message.isReadBy(bob)).isFalse());
        assertThat(history).filteredOn(message -> message.content().text().matches("m[01]"))
                .hasSize(2).allSatisfy(message -> assertThat(message.isReadBy(bob)).isTrue());
    }

    @Test
    void marking_unread_what_is_unread_already_changes_nothing_and_answers_the_count() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        MessageId first = accepted(h.send(aliceTab, room.id(), "one")).message().id();
        MessageId second = accepted(h.send(aliceTab, room.id(), "two")).message().id();

        assertThat(accepted(markUnread(bob, bobTab, room, second)).unreadCount()).as("both were unread").isEqualTo(2);
        assertThat(accepted(markUnread(bob, bobTab, room, first)).unreadCount()).isEqualTo(2);
        assertThat(unreadCount(bob)).isEqualTo(2);
    }

    @Test
    void an_unknown_message_or_a_stranger_is_refused_and_nothing_changes() {
        ConnectionId aliceTab = h.connect(alice);
        h.connect(bob);
        UserId carol = UserId.of("carol");
        ConnectionId carolTab = h.connect(carol);
        Room room = h.createRoom(alice, bob);
        MessageId sent = accepted(h.send(aliceTab, room.id(), "hi")).message().id();

        assertRejected(markUnread(alice, aliceTab, room, MessageId.of(java.time.Instant.parse("2020-01-01T00:00:00Z"), "missing")), Rejection.Code.UNKNOWN_MESSAGE);
        assertRejected(markUnread(carol, carolTab, room, sent), Rejection.Code.NOT_A_MEMBER);
        assertThat(unreadCount(alice)).isZero();
    }

    private Outcome<Unread> markUnread(UserId reader, ConnectionId from, Room room, MessageId message) {
        return h.chat.markUnread().markUnread(new MarkUnreadCommand(reader, from, room.id(), message));
    }

    private int unreadCount(UserId user) {
        return accepted(h.chat.listRooms().listRooms(new ListRoomsQuery(user, PageSize.of(10), Optional.empty())))
                .page().items().get(0).unreadCount();
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
