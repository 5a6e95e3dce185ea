package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import io.chatkit.core.port.out.PushResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SendMessageBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");

    @Test
    void a_message_reaches_every_connection_of_every_member_the_senders_other_tabs_included_but_its_own() {
        ConnectionId aliceLaptop = h.connect(alice);
        ConnectionId alicePhone = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        ConnectionId carolTab = h.connect(carol);
        Room room = h.createRoom(alice, bob, carol);
        h.pusher.clear();

        SentMessage sent = accepted(h.send(aliceLaptop, room.id(), "hello"));

        Notification posted = new Notification.MessagePosted(sent.message());
        for (ConnectionId each : List.of(alicePhone, bobTab, carolTab)) {
            assertThat(h.pusher.deliveredTo(each)).containsExactly(posted);
        }
        assertThat(h.pusher.deliveredTo(aliceLaptop)).as("the sender's connection has the message as its reply")
                .isEmpty();
        assertThat(h.pusher.deliveries()).hasSize(3);
    }

    @Test
    void the_sender_is_the_user_of_the_connection() {
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);

        Message message = accepted(h.send(bobTab, room.id(), "it's me")).message();

        assertThat(message.senderId()).isEqualTo(bob);
        assertThat(message.readBy()).containsExactly(bob);
    }

    @Test
    void a_command_naming_another_users_connection_is_refused_and_nothing_is_stored_or_pushed() {
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        h.pusher.clear();

        Outcome<SentMessage> forged = h.chat.sendMessage().send(new SendMessageCommand(alice, bobTab, room.id(),
                MessageContent.of("in bob's name?"), Optional.empty()));

        assertThat(forged).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.NOT_CONNECTED));
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).hasSize(1);
        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
    }

    @Test
    void a_stranger_cannot_send_to_a_room_and_nothing_is_stored_or_pushed() {
        ConnectionId strangerTab = h.connect(UserId.of("mallory"));
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        h.pusher.clear();

        Outcome<SentMessage> outcome = h.send(strangerTab, room.id(), "let me in");

        assertRejected(outcome, Rejection.Code.NOT_A_MEMBER);
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).hasSize(1);
        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
    }

    @Test
    void an_unknown_room_or_connection_is_rejected() {
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);

        assertRejected(h.send(aliceTab, io.chatkit.core.domain.RoomId.of("nope"), "hi"), Rejection.Code.UNKNOWN_ROOM);
        assertRejected(h.send(ConnectionId.of("ghost"), room.id(), "hi"), Rejection.Code.NOT_CONNECTED);
    }

    @Test
    void an_expired_connection_cannot_send_and_receives_nothing() {
        ConnectionId oldTab = h.connect(bob);
        h.clock.advance(ChatHarness.TTL.minusSeconds(30));
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);
        h.clock.advance(Duration.ofSeconds(60));
        h.pusher.clear();

        assertRejected(h.send(oldTab, room.id(), "from the past"), Rejection.Code.SESSION_EXPIRED);
        Instant closed = h.clock.instant();
        accepted(h.send(aliceTab, room.id(), "anyone?"));

        assertThat(h.pusher.closed()).containsExactly(oldTab);
        assertThat(h.pusher.deliveredTo(oldTab)).as("told why, then closed: not the message")
                .singleElement().isInstanceOf(Notification.SessionExpired.class);
        assertThat(h.pusher.deliveredTo(aliceTab)).as("her own message is her reply; bob's last connection closed")
                .containsExactly(new Notification.PresenceChanged(bob, false, Optional.of(closed)));
    }

    @Test
    void a_gone_connection_is_removed_and_the_others_still_receive() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobOld = h.connect(bob);
        ConnectionId bobNew = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        h.pusher.gone(bobOld);
        h.pusher.clear();

        SentMessage sent = accepted(h.send(aliceTab, room.id(), "still there?"));

        assertThat(sent.message().content().text()).isEqualTo("still there?");
        assertThat(h.pusher.deliveredTo(bobOld)).isEmpty();
        assertThat(h.pusher.deliveredTo(bobNew)).hasSize(1);
        assertThat(h.connections.find(bobOld, h.clock.instant())).isEmpty();
        assertThat(h.connections.liveConnectionsOf(List.of(bob), h.clock.instant())).extracting(c -> c.id())
                .containsExactly(bobNew);
    }

    @Test
    void a_failed_push_keeps_the_connection() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        h.pusher.answer(bobTab, PushResult.failed(PushResult.Reason.THROTTLED, "429"));

        accepted(h.send(aliceTab, room.id(), "hi"));

        assertThat(h.pusher.deliveredTo(bobTab, Notification.MessagePosted.class)).as("the push failed").isEmpty();
        assertThat(h.connections.find(bobTab, h.clock.instant())).isPresent();
    }

    @Test
    void a_repeated_client_message_id_returns_the_first_message_stores_nothing_new_and_pushes_it_again() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        SendMessageCommand command = new SendMessageCommand(alice, aliceTab, room.id(), MessageContent.of("once"),
                Optional.of(ClientMessageId.of("c-42")));
        SentMessage first = accepted(h.chat.sendMessage().send(command));
        h.pusher.clear();
        h.clock.advance(Duration.ofSeconds(5));

        SentMessage retry = accepted(h.chat.sendMessage().send(command));

        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.message()).isEqualTo(first.message());
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).hasSize(2);
        // The first attempt may have stopped before its push: every member gets it again, clients drop the repeat;
        // the retrying connection has it as its reply.
        assertThat(h.pusher.deliveredTo(bobTab)).containsExactly(new Notification.MessagePosted(first.message()));
        assertThat(h.pusher.deliveredTo(aliceTab)).isEmpty();
    }

    @Test
    void a_client_message_id_reused_for_other_content_is_refused_and_changes_nothing() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        ClientMessageId key = ClientMessageId.of("c-43");
        SentMessage first = accepted(h.chat.sendMessage().send(
                new SendMessageCommand(alice, aliceTab, room.id(), MessageContent.of("lunch at 12?"), Optional.of(key))));
        h.pusher.clear();

        Outcome<SentMessage> reused = h.chat.sendMessage().send(
                new SendMessageCommand(alice, aliceTab, room.id(), MessageContent.of("lunch at 1?"), Optional.of(key)));

        assertRejected(reused, Rejection.Code.INVALID_INPUT);
        assertThat(((Outcome.Rejected<?>) reused).rejection().message())
                .isEqualTo("clientMessageId c-43 was used for another message in this room; "
                        + "give a new message a new clientMessageId");
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 10)).extracting(m -> m.content().text())
                .containsExactly("lunch at 12?", "room created");
        assertThat(h.pusher.deliveries()).isEmpty();
        assertThat(accepted(h.chat.sendMessage().send(new SendMessageCommand(bob, bobTab, room.id(),
                MessageContent.of("lunch at 1?"), Optional.of(key)))).duplicate())
                .as("the same id from bob is bob's own").isFalse();
        assertThat(first.duplicate()).isFalse();
    }

    @Test
    void the_room_moves_to_the_top_of_every_members_list_with_the_preview() {
        ConnectionId aliceTab = h.connect(alice);
        Room older = h.createRoom(alice, bob);
        Room newer = h.createRoom(alice, bob, carol);
        h.send(aliceTab, newer.id(), "in the group");

        accepted(h.send(aliceTab, older.id(), "x".repeat(150)));

        var bobsRooms = new RoomListing(h.messages).roomsOf(bob, Optional.empty(), 10).rooms();
        assertThat(bobsRooms).extracting(s -> s.room().id()).containsExactly(older.id(), newer.id());
        assertThat(bobsRooms.get(0).lastMessagePreview()).isEqualTo("x".repeat(100));
        assertThat(bobsRooms.get(0).unreadCount()).isEqualTo(1);
    }

    @Test
    void messages_are_stored_in_time_then_id_order() {
        ConnectionId aliceTab = h.connect(alice);
        Room room = h.createRoom(alice, bob);
        Message first = accepted(h.send(aliceTab, room.id(), "1")).message();
        Message second = accepted(h.chat.sendMessage().send(new SendMessageCommand(alice, aliceTab, room.id(),
                MessageContent.of("2 in the same millisecond"), Optional.empty()))).message();

        assertThat(second.createdAt()).isEqualTo(first.createdAt());
        assertThat(new RoomHistory(h.messages).messagesBefore(room.id(), Optional.empty(), 2)).containsExactly(second, first);
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(code));
    }
}
