package io.chatkit.core.service;

import static io.chatkit.core.service.ChatHarness.accepted;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Reactions;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesQuery;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.ReactCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.Reacted;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.Rejection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Any member reacts; a reaction twice or a removal of none changes nothing; limits per message and per user. */
class ReactionsBehaviourTest {
    private final ChatHarness h = new ChatHarness();
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");
    private final ConnectionId aliceTab = h.connect(alice);
    private final ConnectionId bobTab = h.connect(bob);
    private final Room room = h.createRoom(alice, bob);
    private final Message sent = accepted(h.send(aliceTab, room.id(), "lunch?")).message();

    @Test
    void a_reaction_reaches_the_others_shows_in_history_and_takes_its_place_among_the_changes() {
        String start = accepted(h.chat.changeMessage().changes(new ChangesQuery(alice, room.id(), Optional.empty(),
                PageSize.defaultSize()))).nextCursor();
        h.pusher.clear();

        Reacted reacted = accepted(react(bob, bobTab, "👍", true));

        assertThat(reacted.message().reactions().byEmoji()).containsOnlyKeys("👍");
        assertThat(reacted.message().reactions().has(Emoji.of("👍"), bob)).isTrue();
        MessageChange change = reacted.change().orElseThrow();
        assertThat(change.kind()).isEqualTo(MessageChange.Kind.REACTIONS);
        assertThat(h.pusher.deliveredTo(aliceTab)).containsExactly(new Notification.MessageChanged(change));
        assertThat(h.pusher.deliveredTo(bobTab)).isEmpty();
        assertThat(history().reactions().has(Emoji.of("👍"), bob)).isTrue();
        assertThat(accepted(h.chat.changeMessage().changes(new ChangesQuery(alice, room.id(), Optional.of(start),
                PageSize.defaultSize()))).changes()).containsExactly(change);
    }

    @Test
    void reacting_twice_or_taking_out_what_is_not_there_changes_nothing_and_pushes_nothing() {
        accepted(react(bob, bobTab, "👍", true));
        h.pusher.clear();

        Reacted twice = accepted(react(bob, bobTab, "👍", true));
        Reacted none = accepted(react(bob, bobTab, "🎉", false));

        assertThat(twice.change()).isEmpty();
        assertThat(none.change()).isEmpty();
        assertThat(h.pusher.deliveries()).isEmpty();
        Reacted off = accepted(react(bob, bobTab, "👍", false));
        assertThat(off.change()).isPresent();
        assertThat(off.message().reactions()).isEqualTo(Reactions.NONE);
    }

    @Test
    void twenty_different_reactions_at_most_ten_of_one_user_and_none_on_a_deleted_message() {
        List<String> emoji = List.of("😀", "😁", "😂", "🤣", "😃", "😄", "😅", "😆", "😉", "😊", "😋", "😎", "😍",
                "😘", "🥰", "😗", "😙", "😚", "🙂", "🤗", "🤩");
        for (int i = 0; i < 10; i++) {
            accepted(react(alice, aliceTab, emoji.get(i), true));
        }
        assertRejected(react(alice, aliceTab, emoji.get(10), true), Rejection.Code.INVALID_INPUT);
        for (int i = 10; i < 20; i++) {
            accepted(react(bob, bobTab, emoji.get(i), true));
        }
        assertThat(history().reactions().byEmoji()).hasSize(20);
        assertRejected(react(bob, bobTab, emoji.get(20), true), Rejection.Code.INVALID_INPUT);
        accepted(react(bob, bobTab, emoji.get(10), false));
        accepted(react(bob, bobTab, emoji.get(0), true)); // an emoji already there: no 21st kind

        accepted(h.chat.changeMessage().delete(new DeleteMessageCommand(alice, aliceTab, room.id(), sent.id())));
        assertRejected(react(bob, bobTab, "👍", true), Rejection.Code.INVALID_INPUT);
    }

    private Outcome<Reacted> react(UserId reactor, ConnectionId from, String emoji, boolean on) {
        return h.chat.changeMessage().react(new ReactCommand(reactor, from, room.id(), sent.id(), Emoji.of(emoji), on));
    }

    private Message history() {
        return accepted(h.chat.getMessages().getMessages(new GetMessagesQuery(alice, room.id(), PageSize.of(10),
                Optional.empty(), Optional.empty()))).page().items().get(0);
    }

    private static void assertRejected(Outcome<?> outcome, Rejection.Code code) {
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
                rejected -> assertThat(rejected.rejection().code()).isEqualTo(code));
    }
}
