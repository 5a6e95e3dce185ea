package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MarkUnreadUseCase.MarkUnreadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A reply keeps what it answers, so rendering it needs no read; mentions name members of the room, and only them. */
class RepliesAndMentionsBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final UserId carol = UserId.of("carol");

    @Test
    void a_reply_carries_the_answered_messages_snapshot_in_its_push_and_in_history() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        h.connect(carol);
        Room room = h.createRoom(alice, bob, carol);
        Message question = accepted(h.send(bobTab, room.id(), "x".repeat(150))).message();
        h.pusher.clear();

        Message reply = accepted(send(alice, aliceTab, room, "yes", Optional.of(question.id()), Set.of(bob, carol)))
                .message();

        ReplyTo expected = new ReplyTo(question.id(), bob, "x".repeat(100));
        assertThat(reply.replyTo()).contains(expected);
        assertThat(reply.mentions()).containsExactly(bob, carol);
        assertThat(h.pusher.deliveredTo(bobTab, Notification.MessagePosted.class)).singleElement()
                .satisfies(posted -> assertThat(posted.message().replyTo()).contains(expected));
        Message inHistory = accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(carol, room.id(),
                PageSize.of(1), Optional.empty(), Optional.empty()))).page().items().get(0);
        assertThat(inHistory.replyTo()).contains(expected);
        assertThat(inHistory.mentions()).containsExactly(bob, carol);
    }

    @Test
    void a_reply_to_a_message_of_another_room_or_none_is_refused_and_nothing_is_stored() {
        ConnectionId aliceTab = h.connect(alice);
        h.connect(bob);
        h.connect(carol);
        Room pair = h.createRoom(alice, bob);
        Room other = h.createRoom(alice, carol);
        MessageId elsewhere = accepted(h.send(aliceTab, other.id(), "elsewhere")).message().id();
        h.pusher.clear();

        assertRejected(send(alice, aliceTab, pair, "re", Optional.of(elsewhere), Set.of()), Rejection.Code.UNKNOWN_MESSAGE);
        assertRejected(send(alice, aliceTab, pair, "re", Optional.of(MessageId.of(h.clock.instant(), "none")), Set.of()),
                Rejection.Code.UNKNOWN_MESSAGE);
        assertThat(h.pusher.deliveries()).as("nothing pushed").isEmpty();
        assertThat(historyOf(pair)).noneMatch(message -> message.content().text().equals("re"));
    }

    @Test
    void mentioning_someone_who_is_not_a_member_is_refused_and_nothing_is_stored() {
        ConnectionId aliceTab = h.connect(alice);
        h.connect(bob);
        Room pair = h.createRoom(alice, bob);

        assertRejected(send(alice, aliceTab, pair, "hey @carol", Optional.empty(), Set.of(bob, carol)),
                Rejection.Code.INVALID_INPUT);
        assertThat(historyOf(pair)).noneMatch(message -> message.content().text().equals("hey @carol"));
    }

    @Test
    void a_reply_to_a_deleted_message_shows_it_deleted_without_its_text_in_history_and_in_a_new_reply() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        Room room = h.createRoom(alice, bob);
        Message secret = accepted(h.send(bobTab, room.id(), "the secret")).message();
        accepted(send(alice, aliceTab, room, "what?", Optional.of(secret.id()), Set.of()));

        accepted(h.chat.changeMessage().delete(new DeleteMessageCommand(bob, bobTab, room.id(), secret.id())));
        Message late = accepted(send(alice, aliceTab, room, "too late", Optional.of(secret.id()), Set.of())).message();

        assertThat(late.replyTo()).hasValueSatisfying(reply -> {
            assertThat(reply.deleted()).isTrue();
            assertThat(reply.preview()).isEmpty();
        });
        assertThat(historyOf(room)).filteredOn(message -> message.replyTo().isPresent()).hasSize(2)
                .allSatisfy(message -> {
                    assertThat(message.replyTo().get().deleted()).isTrue();
                    assertThat(message.replyTo().get().preview()).doesNotContain("secret");
                });
    }

    @Test
    void the_room_list_counts_the_unread_messages_that_mention_you() {
        ConnectionId aliceTab = h.connect(alice);
        ConnectionId bobTab = h.connect(bob);
        h.connect(carol);
        Room room = h.createRoom(alice, bob, carol);
        accepted(send(bob, bobTab, room, "@bob, myself", Optional.empty(), Set.of(bob)));
        MessageId first = accepted(send(alice, aliceTab, room, "@bob look", Optional.empty(), Set.of(bob))).message().id();
        accepted(send(alice, aliceTab, room, "@carol and @bob", Optional.empty(), Set.of(bob, carol)));
        MessageId last = accepted(send(alice, aliceTab, room, "no one", Optional.empty(), Set.of())).message().id();

        assertThat(summary(bob).unreadCount()).as("alice's three").isEqualTo(3);
        assertThat(summary(bob).mentionCount()).as("his mention of himself is his own, read").isEqualTo(2);
        assertThat(summary(carol).mentionCount()).isEqualTo(1);
        assertThat(summary(alice).mentionCount()).isZero();

        accepted(h.chat.markRead().markRead(new MarkReadCommand(carol, room.id(), last)));
        assertThat(summary(carol).mentionCount()).isZero();
        accepted(h.chat.markUnread().markUnread(new MarkUnreadCommand(carol, h.connect(carol), room.id(), first)));
        assertThat(summary(carol).mentionCount()).as("unread again").isEqualTo(1);
    }

    private RoomSummary summary(UserId user) {
        return accepted(h.chat.listRooms().listRooms(new ListRoomsQuery(user, PageSize.of(10), Optional.empty())))
                .page().items().get(0);
    }

    private Outcome<SentMessage> send(UserId sender, ConnectionId from, Room room, String text,
                                      Optional<MessageId> replyTo, Set<UserId> mentions) {
        h.clock.advance(Duration.ofSeconds(1));
        return h.chat.sendMessage().send(new SendMessageCommand(sender, from, room.id(), MessageContent.of(text),
                Optional.empty(), replyTo, mentions));
    }

    private List<Message> historyOf(Room room) {
        return accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(alice, room.id(), PageSize.of(50),
                Optional.empty(), Optional.empty()))).page().items();
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
