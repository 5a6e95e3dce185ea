package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.port.out.SendClaims.RoomAndClaim;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.service.MessagePosting.Posted;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its retried sends: a client message id stores a message once. */
public abstract class SendRetriesContract extends HistoryContract {
    // --- idempotency

    @Test
    void a_repeated_client_message_id_stores_nothing_and_returns_the_first_message() {
        Message first = message(room, alice, T0.plusSeconds(1), "hello", "c-1");
        Message retry = message(room, alice, T0.plusSeconds(2), "hello", "c-1");

        posting.post(room, first);
        Posted result = posting.post(room, retry);

        assertThat(result).isEqualTo(new Posted.Duplicate(first));
        assertThat(wholeHistoryNewestFirst(10)).filteredOn(m -> m.content().text().equals("hello")).hasSize(1);
        assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(1);
    }

    @Test
    void the_room_and_the_senders_claim_are_read_together() {
        Message first = message(room, alice, T0.plusSeconds(1), "hello", "c-7");
        SendKey key = new SendKey(room.id(), alice, first.clientMessageId().orElseThrow());
        assertThat(store.sendClaims().findRoomAndClaim(room.id(), Optional.of(key)))
                .isEqualTo(new RoomAndClaim(Optional.of(room), Optional.empty()));
        posting.post(room, first);

        assertThat(store.sendClaims().findRoomAndClaim(room.id(), Optional.of(key)))
                .isEqualTo(new RoomAndClaim(Optional.of(room), Optional.of(new SendClaim(key, first.id(),
                        first.content().fingerprint(), first.createdAt().plus(MessagePosting.CLAIM_LIFETIME)))));
        assertThat(store.sendClaims().findRoomAndClaim(room.id(), Optional.of(new SendKey(room.id(), bob, key.id())))
                .claim()).as("another sender's id is not this sender's").isEmpty();
        assertThat(store.sendClaims().findRoomAndClaim(room.id(), Optional.empty()))
                .isEqualTo(new RoomAndClaim(Optional.of(room), Optional.empty()));
        io.chatkit.core.domain.RoomId unknown = Fixtures.roomId();
        assertThat(store.sendClaims().findRoomAndClaim(unknown, Optional.of(new SendKey(unknown, alice, key.id()))))
                .isEqualTo(new RoomAndClaim(Optional.empty(), Optional.empty()));
    }

    @Test
    void a_client_message_id_answers_retries_for_24_hours_then_sends_a_new_message() {
        Message first = message(room, alice, T0.plusSeconds(1), "hello", "c-8");
        posting.post(room, first);
        Instant dayLater = T0.plusSeconds(1).plus(MessagePosting.CLAIM_LIFETIME);
        SendClaim claim = store.sendClaims().find(new SendKey(room.id(), alice, first.clientMessageId().orElseThrow()))
                .orElseThrow();

        assertThat(claim.isLiveAt(dayLater.minusSeconds(1))).isTrue();
        assertThat(claim.isLiveAt(dayLater)).isFalse();
        Message nextDay = message(room, alice, dayLater, "hello", "c-8");
        assertThat(posting.post(room, nextDay)).isEqualTo(new Posted.Stored(nextDay));
        assertThat(posting.post(room, message(room, alice, dayLater.plusSeconds(1), "hello", "c-8")))
                .as("the new claim answers retries").isEqualTo(new Posted.Duplicate(nextDay));
    }

    @Test
    void the_same_client_message_id_from_another_sender_or_room_is_a_new_message() {
        Room other = newRoom(alice, bob);
        posting.post(room, message(room, alice, T0.plusSeconds(1), "a", "c-1"));

        Message bobs = message(room, bob, T0.plusSeconds(2), "b", "c-1");
        assertThat(posting.post(room, bobs)).isEqualTo(new Posted.Stored(bobs));
        assertThat(posting.post(room, message(room, bob, T0.plusSeconds(3), "b", "c-1")))
                .as("bob's retry is recognised though alice used the id first")
                .isEqualTo(new Posted.Duplicate(bobs));
        assertThat(posting.post(other, message(other, alice, T0.plusSeconds(3), "c", "c-1")))
                .isInstanceOf(Posted.Stored.class);
    }

    @Test
    void concurrent_retries_of_one_send_store_it_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Posted>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                Message attempt = message(room, alice, T0.plusSeconds(1).plusMillis(i), "once", "same-key");
                results.add(pool.submit(() -> {
                    start.await();
                    return posting.post(room, attempt);
                }));
            }
            start.countDown();
            List<Posted> outcomes = new ArrayList<>();
            for (Future<Posted> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(Posted.Stored.class::isInstance).hasSize(1);
            Message stored = outcomes.stream().filter(Posted.Stored.class::isInstance)
                    .findFirst().orElseThrow().message();
            assertThat(outcomes).extracting(Posted::message).containsOnly(stored);
            assertThat(wholeHistoryNewestFirst(50)).filteredOn(m -> m.content().text().equals("once")).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
