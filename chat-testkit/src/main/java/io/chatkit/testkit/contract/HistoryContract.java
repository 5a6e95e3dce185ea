package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.service.MessagePosting.Posted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its history: newest first, pages without gaps, catch-up after a message. */
public abstract class HistoryContract extends RoomCreationContract {
    // --- history

    @Test
    void history_is_newest_first_and_pages_backwards_without_gaps_or_repeats() {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            sent.add(append(i % 2 == 0 ? alice : bob, T0.plusSeconds(i + 1), "message " + i));
        }

        List<Message> firstPage = history.messagesBefore(room.id(), Optional.empty(), 3);
        List<Message> secondPage = history.messagesBefore(room.id(), Optional.of(firstPage.get(2).id()), 3);

        // Compared by id: readBy grows as members read (each sender here reads the room up to their message).
        assertThat(firstPage).extracting(Message::id).containsExactly(ids(sent, 6, 5, 4));
        assertThat(secondPage).extracting(Message::id).containsExactly(ids(sent, 3, 2, 1));
        assertThat(wholeHistoryNewestFirst(2)).hasSize(8).isSortedAccordingTo(
                Comparator.comparing(Message::id).reversed());
    }

    @Test
    void messages_of_the_same_millisecond_keep_the_order_they_were_stored_in() {
        Instant sameInstant = T0.plusSeconds(30);
        Message first = posting.post(room, message(room, alice, sameInstant, "one")).message();
        Message second = posting.post(room, message(room, bob, sameInstant, "two")).message();

        List<Message> newestFirst = history.messagesBefore(room.id(), Optional.empty(), 2);

        assertThat(newestFirst).extracting(Message::id).containsExactly(second.id(), first.id());
        assertThat(second.id()).isGreaterThan(first.id());
    }

    @Test
    void catch_up_returns_what_came_after_a_message_oldest_first() {
        Message seen = append(alice, T0.plusSeconds(1), "seen");
        Message missed1 = append(bob, T0.plusSeconds(2), "missed 1");
        Message missed2 = append(alice, T0.plusSeconds(3), "missed 2");

        assertThat(history.messagesAfter(room.id(), seen.id(), 10)).extracting(Message::id)
                .containsExactly(missed1.id(), missed2.id());
        assertThat(history.messagesAfter(room.id(), seen.id(), 1)).extracting(Message::id).containsExactly(missed1.id());
        assertThat(history.messagesAfter(room.id(), missed2.id(), 10)).isEmpty();
    }

    @Test
    void a_message_keeps_every_field() {
        Message sent = message(room, alice, T0.plusSeconds(1), "héllo <b>😀</b>", "client-1");
        assertThat(posting.post(room, sent)).isEqualTo(new Posted.Stored(sent));

        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1)).containsExactly(sent);
    }

    @Test
    void a_reply_keeps_what_it_answers_and_whom_it_mentions() {
        Message answered = message(room, bob, T0.plusSeconds(1), "lunch?", "client-a");
        posting.post(room, answered);
        Message reply = message(room, alice, T0.plusSeconds(2), "yes", "client-b")
                .replying(Optional.of(ReplyTo.of(answered)), java.util.List.of(bob, alice));

        assertThat(posting.post(room, reply)).isEqualTo(new Posted.Stored(reply));

        Message read = history.messagesBefore(room.id(), Optional.empty(), 1).get(0);
        assertThat(read).isEqualTo(reply);
        assertThat(read.replyTo()).contains(new ReplyTo(answered.id(), bob, "lunch?"));
        assertThat(read.mentions()).containsExactly(alice, bob);
    }
}
