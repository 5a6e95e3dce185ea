package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageStoreContract}, its changed messages: an edit or an erasure only by the sender, never of a deleted
 * message, never under an earlier change than the one applied; the room's change sequence; the list's preview.
 */
public abstract class MessageChangesContract extends AttachmentClaimsContract {

    @Test
    void a_message_is_edited_only_as_its_sender_with_other_text_and_never_under_an_earlier_change() {
        Message sent = message(room, alice, T0.plusSeconds(1), "helo", "c-1");
        posting.post(room, sent);
        Instant at = T0.plusSeconds(5);
        Message edited = sent.edited(MessageContent.of("hello"), at);

        assertThat(store.log().edit(edited, 3)).isTrue();
        PlacedMessage read = store.log().find(room.id(), sent.id()).orElseThrow();
        assertThat(read.message().content().text()).isEqualTo("hello");
        assertThat(read.message().editedAt()).contains(at);
        assertThat(read.changeSeq()).isEqualTo(3);
        assertThat(store.log().edit(edited, 4)).as("the same text").isFalse();
        assertThat(store.log().edit(sent.edited(MessageContent.of("older"), at), 2)).as("an earlier change")
                .isFalse();
        Message notHers = new Message(room.id(), sent.id(), bob, MessageContent.of("bob's"), sent.type(),
                sent.readBy(), Optional.empty());
        assertThat(store.log().edit(notHers.edited(MessageContent.of("bob's"), at), 5)).as("not bob's").isFalse();
        assertThat(store.log().find(room.id(), sent.id()).orElseThrow().message().content().text())
                .isEqualTo("hello");
    }

    @Test
    void an_erased_message_keeps_its_place_and_stays_erased() {
        Message sent = message(room, alice, T0.plusSeconds(1), "secret", "c-2");
        posting.post(room, sent);
        long place = store.log().placeOf(room.id(), sent.id()).orElseThrow();
        Instant at = T0.plusSeconds(7);

        assertThat(store.log().erase(sent.erased(at), 1)).isTrue();

        PlacedMessage read = store.log().find(room.id(), sent.id()).orElseThrow();
        assertThat(read.message().isDeleted()).isTrue();
        assertThat(read.message().deletedAt()).contains(at);
        assertThat(read.message().content()).as("the text is gone").isEqualTo(Message.ERASED);
        assertThat(read.seq()).isEqualTo(place);
        assertThat(store.log().erase(sent.erased(at), 2)).as("once").isFalse();
        assertThat(store.log().edit(sent.edited(MessageContent.of("back"), at), 3)).as("deleted stays deleted")
                .isFalse();
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1).get(0).isDeleted()).isTrue();
        Message kept = message(room, bob, T0.plusSeconds(8), "kept", "c-7");
        posting.post(room, kept);
        assertThat(store.log().deletedAmong(room.id(), java.util.List.of(sent.id(), kept.id(),
                io.chatkit.core.domain.MessageId.of(T0, "none")))).containsExactly(sent.id());
    }

    @Test
    void each_change_takes_the_next_place_and_is_read_back_in_order_after_a_place() {
        Message sent = message(room, alice, T0.plusSeconds(1), "a", "c-3");
        posting.post(room, sent);
        assertThat(store.changes().current(room.id())).isZero();
        long first = store.changes().next(room.id());
        long second = store.changes().next(room.id());
        Message edited = sent.edited(MessageContent.of("b"), T0.plusSeconds(2));
        MessageChange one = new MessageChange(room.id(), first, MessageChange.Kind.EDITED, edited, T0.plusSeconds(2));
        MessageChange two = new MessageChange(room.id(), second, MessageChange.Kind.DELETED,
                edited.erased(T0.plusSeconds(3)), T0.plusSeconds(3));

        store.changes().add(two);
        store.changes().add(one);
        store.changes().add(one); // a retry's

        assertThat(second).isEqualTo(first + 1);
        assertThat(store.changes().current(room.id())).isEqualTo(second);
        assertThat(store.changes().after(room.id(), 0, 10)).containsExactly(one, two);
        assertThat(store.changes().after(room.id(), first, 10)).containsExactly(two);
        assertThat(store.changes().after(room.id(), 0, 1)).containsExactly(one);
        assertThat(store.changes().find(room.id(), second)).contains(two);
        assertThat(store.changes().find(room.id(), second + 1)).isEmpty();
    }

    @Test
    void a_reaction_is_added_once_taken_out_once_and_never_on_a_deleted_message() {
        Message sent = message(room, alice, T0.plusSeconds(1), "lunch?", "c-6");
        posting.post(room, sent);
        Emoji thumbs = Emoji.of("👍");

        Optional<Message> added = store.log().react(room.id(), sent.id(), thumbs, bob, true, 1);
        assertThat(added).hasValueSatisfying(message -> assertThat(message.reactions().has(thumbs, bob)).isTrue());
        assertThat(store.log().react(room.id(), sent.id(), thumbs, bob, true, 2)).as("twice").isEmpty();
        assertThat(store.log().react(room.id(), sent.id(), thumbs, alice, true, 1)).as("an earlier change").isEmpty();
        assertThat(store.log().react(room.id(), sent.id(), thumbs, alice, true, 3)).isPresent();
        assertThat(store.log().find(room.id(), sent.id()).orElseThrow().message().reactions().byEmoji().get("👍"))
                .containsExactly(alice, bob);
        assertThat(store.log().react(room.id(), sent.id(), thumbs, bob, false, 4))
                .hasValueSatisfying(message -> assertThat(message.reactions().has(thumbs, bob)).isFalse());
        assertThat(store.log().react(room.id(), sent.id(), thumbs, bob, false, 5)).as("not there").isEmpty();
        store.log().erase(sent.erased(T0.plusSeconds(9)), 6);
        assertThat(store.log().react(room.id(), sent.id(), thumbs, bob, true, 7)).as("deleted").isEmpty();
    }

    @Test
    void the_preview_changes_only_while_the_message_is_the_rooms_newest() {
        Message older = message(room, alice, T0.plusSeconds(1), "older", "c-4");
        Message newest = message(room, bob, T0.plusSeconds(2), "newest", "c-5");
        posting.post(room, older);
        posting.post(room, newest);

        assertThat(store.lastMessages().changePreview(room.id(), older.id(), "x", Optional.empty())).isFalse();
        assertThat(store.lastMessages().changePreview(room.id(), newest.id(), "fixed",
                Optional.of(T0.plusSeconds(3)))).isTrue();
        assertThat(store.lastMessages().newest(room.id())).hasValueSatisfying(last -> {
            assertThat(last.preview()).isEqualTo("fixed");
            assertThat(last.editedAt()).contains(T0.plusSeconds(3));
        });
        assertThat(store.lastMessages().changePreview(room.id(), newest.id(), "", Optional.empty())).isTrue();
        assertThat(store.lastMessages().newest(room.id())).hasValueSatisfying(last -> {
            assertThat(last.preview()).isEmpty();
            assertThat(last.editedAt()).isEmpty();
        });
    }

    @Test
    void a_new_newest_message_is_not_edited_and_a_put_back_one_keeps_its_edit() {
        Message edited = message(room, alice, T0.plusSeconds(1), "edited", "c-6");
        posting.post(room, edited);
        store.lastMessages().changePreview(room.id(), edited.id(), "edited!", Optional.of(T0.plusSeconds(2)));
        LastMessage before = store.lastMessages().newest(room.id()).orElseThrow();

        Message next = message(room, bob, T0.plusSeconds(3), "next", "c-7");
        LastMessages.Placement placed = store.lastMessages().placeAfterNewest(next).orElseThrow();
        assertThat(store.lastMessages().newest(room.id()).orElseThrow().editedAt()).isEmpty();

        assertThat(store.lastMessages().putBack(before, placed.seq())).isTrue();
        assertThat(store.lastMessages().newest(room.id())).contains(before);
    }
}
