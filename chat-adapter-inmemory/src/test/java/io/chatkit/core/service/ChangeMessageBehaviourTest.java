package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesPage;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesQuery;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.EditMessageCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A sender edits their message within 24 hours or deletes it; each change takes the next place in the room's change
 * sequence, reaches every other connection of every member, and a client catches up on the changes after its cursor.
 */
class ChangeMessageBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final ConnectionId aliceTab = h.connect(alice);
    private final ConnectionId alicePhone = h.connect(alice);
    private final ConnectionId bobTab = h.connect(bob);
    private final Room room = h.createRoom(alice, bob);

    @Test
    void an_edit_reaches_everyone_but_the_editing_tab_and_shows_in_history_and_the_list() {
        Message sent = accepted(h.send(aliceTab, room.id(), "helo")).message();
        h.pusher.clear();

        MessageChange change = accepted(edit(alice, aliceTab, sent.id(), "hello"));

        assertThat(change.kind()).isEqualTo(MessageChange.Kind.EDITED);
        assertThat(change.seq()).isEqualTo(1);
        assertThat(change.message().content().text()).isEqualTo("hello");
        assertThat(change.message().editedAt()).contains(h.clock.instant());
        Notification pushed = new Notification.MessageChanged(change);
        assertThat(h.pusher.deliveredTo(bobTab)).containsExactly(pushed);
        assertThat(h.pusher.deliveredTo(alicePhone)).containsExactly(pushed);
        assertThat(h.pusher.deliveredTo(aliceTab)).as("the answer is its").isEmpty();
        assertThat(history(bob).get(0).content().text()).isEqualTo("hello");
        assertThat(history(bob).get(0).editedAt()).isPresent();
        assertThat(summary(bob).lastMessagePreview()).isEqualTo("hello");
        assertThat(summary(bob).lastMessageEditedAt()).as("the list shows it was edited").isEqualTo(
                change.message().editedAt());
    }

    @Test
    void only_the_sender_edits_only_for_24_hours_and_a_retry_changes_nothing_twice() {
        Message sent = accepted(h.send(aliceTab, room.id(), "first")).message();

        assertRejected(edit(bob, bobTab, sent.id(), "mine now"), Rejection.Code.INVALID_INPUT);
        assertRejected(edit(alice, aliceTab, MessageId.of(h.clock.instant(), "none"), "x"),
                Rejection.Code.UNKNOWN_MESSAGE);
        MessageChange once = accepted(edit(alice, aliceTab, sent.id(), "second"));
        h.pusher.clear();
        assertThat(accepted(edit(alice, aliceTab, sent.id(), "second"))).as("a retry").isEqualTo(once);
        assertThat(h.pusher.deliveries()).as("nothing pushed twice").isEmpty();
        assertThat(changes(bob, Optional.of("0." + h.clock.millis())).changes()).containsExactly(once);

        h.clock.advance(Duration.ofHours(25));
        assertRejected(edit(alice, aliceTab, sent.id(), "too late"), Rejection.Code.INVALID_INPUT);
    }

    @Test
    void the_edit_window_is_the_chats_to_choose() {
        ChatServices fiveMinutes = ChatServices.builder().connections(h.connections).messages(h.messages)
                .pusher(h.pusher).clock(h.clock).editWindow(Duration.ofMinutes(5)).executor(Runnable::run).build();
        Message sent = accepted(h.send(aliceTab, room.id(), "first")).message();
        h.clock.advance(Duration.ofMinutes(6));

        assertThat(fiveMinutes.changeMessage().edit(new EditMessageCommand(alice, aliceTab, room.id(), sent.id(),
                MessageContent.of("late")))).isInstanceOfSatisfying(Outcome.Rejected.class, rejected ->
                assertThat(rejected.rejection().message()).contains("5 minutes"));
        accepted(edit(alice, aliceTab, sent.id(), "still in the day"));
    }

    @Test
    void a_deleted_message_keeps_its_place_so_counts_stay_exact_and_stays_deleted() {
        Message first = accepted(h.send(aliceTab, room.id(), "one")).message();
        Message last = accepted(h.send(aliceTab, room.id(), "two")).message();
        h.pusher.clear();

        MessageChange deleted = accepted(delete(alice, aliceTab, last.id()));

        assertThat(deleted.kind()).isEqualTo(MessageChange.Kind.DELETED);
        assertThat(h.pusher.deliveredTo(bobTab)).containsExactly(new Notification.MessageChanged(deleted));
        List<Message> history = history(bob);
        assertThat(history.get(0).isDeleted()).isTrue();
        assertThat(history.get(1).id()).isEqualTo(first.id());
        assertThat(summary(bob).unreadCount()).as("both still count").isEqualTo(2);
        assertThat(summary(bob).lastMessagePreview()).as("the list says it was deleted").isEmpty();
        assertThat(summary(bob).lastMessageEditedAt()).isEmpty();
        assertRejected(edit(alice, aliceTab, last.id(), "back"), Rejection.Code.INVALID_INPUT);
        assertThat(accepted(delete(alice, aliceTab, last.id()))).as("deleting again").isEqualTo(deleted);
        assertRejected(delete(bob, bobTab, first.id()), Rejection.Code.INVALID_INPUT);
    }

    @Test
    void a_client_catches_up_on_the_changes_after_its_cursor_in_order_and_an_old_cursor_has_expired() {
        Message one = accepted(h.send(aliceTab, room.id(), "one")).message();
        Message two = accepted(h.send(aliceTab, room.id(), "two")).message();
        String start = changes(bob, Optional.empty()).nextCursor();

        MessageChange edited = accepted(edit(alice, aliceTab, one.id(), "one!"));
        MessageChange deleted = accepted(delete(alice, aliceTab, two.id()));
        ChangesPage caughtUp = changes(bob, Optional.of(start));

        assertThat(caughtUp.changes()).containsExactly(edited, deleted);
        assertThat(caughtUp.nextCursor()).isEqualTo(deleted.changeId());
        assertThat(changes(bob, Optional.of(caughtUp.nextCursor())).changes()).isEmpty();
        assertRejected(h.chat.changeMessage().changes(new ChangesQuery(bob, room.id(), Optional.of("garbage"),
                PageSize.defaultSize())), Rejection.Code.INVALID_CURSOR);
        h.clock.advance(Duration.ofDays(31));
        assertRejected(h.chat.changeMessage().changes(new ChangesQuery(bob, room.id(), Optional.of(start),
                PageSize.defaultSize())), Rejection.Code.CHANGES_EXPIRED);
    }

    @Test
    void edits_and_deletes_take_from_their_own_hourly_allowance() {
        ChatHarness small = new ChatHarness(io.chatkit.core.service.ChatLimits.DEFAULTS.withMessageChangesPerHour(2));
        ConnectionId tab = small.connect(alice);
        small.connect(bob);
        Room pair = small.createRoom(alice, bob);
        Message sent = accepted(small.send(tab, pair.id(), "v0")).message();
        for (String text : List.of("v1", "v2")) {
            accepted(small.chat.changeMessage().edit(new EditMessageCommand(alice, tab, pair.id(), sent.id(),
                    MessageContent.of(text))));
        }

        assertRejected(small.chat.changeMessage().delete(new DeleteMessageCommand(alice, tab, pair.id(), sent.id())),
                Rejection.Code.RATE_LIMITED);
        assertThat(accepted(small.chat.changeMessage().changes(new ChangesQuery(alice, pair.id(),
                Optional.of("0." + small.clock.millis()), PageSize.defaultSize()))).changes()).hasSize(2);
    }

    private Outcome<MessageChange> edit(UserId editor, ConnectionId from, MessageId id, String text) {
        return h.chat.changeMessage().edit(new EditMessageCommand(editor, from, room.id(), id, MessageContent.of(text)));
    }

    private Outcome<MessageChange> delete(UserId deleter, ConnectionId from, MessageId id) {
        return h.chat.changeMessage().delete(new DeleteMessageCommand(deleter, from, room.id(), id));
    }

    private ChangesPage changes(UserId reader, Optional<String> since) {
        return accepted(h.chat.changeMessage().changes(new ChangesQuery(reader, room.id(), since,
                PageSize.defaultSize())));
    }

    private List<Message> history(UserId reader) {
        return accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(reader, room.id(), PageSize.of(10),
                Optional.empty(), Optional.empty()))).page().items();
    }

    private RoomSummary summary(UserId user) {
        return accepted(h.chat.listRooms().listRooms(new ListRoomsQuery(user, PageSize.of(10), Optional.empty())))
                .page().items().get(0);
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
