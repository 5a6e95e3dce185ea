package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.created;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Blocks;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages.Placement;
import io.chatkit.core.port.out.Memberships;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do: each operation of its role ports with its condition, and the chat's
 * rules over them ({@link MessagePosting}, {@link RoomChanges}, {@link RoomListing}, {@link RoomHistory}) on this store.
 * Extend it with a factory for your adapter ({@link StoreContractFixture#newStore()}); its tests are
 * grouped by topic in the classes it extends, down to {@link StoreContractFixture}.
 */
public abstract class MessageStoreContract extends MessageChangesContract {
    // --- the role ports: each operation and its condition

    protected Message unstored(Instant at, String text) {
        return message(room, alice, at, text);
    }

    @Test
    void a_place_is_taken_only_after_the_newest_and_numbers_the_rooms_messages() {
        LastMessage first = store.lastMessages().newest(room.id()).orElseThrow();
        assertThat(first.seq()).as("the first message has the first place").isEqualTo(1);
        Message next = unstored(T0.plusSeconds(5), "next");

        assertThat(store.lastMessages().placeAfterNewest(next)).contains(new Placement(2, Optional.of(first)));
        assertThat(store.lastMessages().newest(room.id())).contains(LastMessage.of(next, 2));
        assertThat(store.lastMessages().placeAfterNewest(unstored(T0.plusSeconds(4), "behind")))
                .as("an id that does not sort after the newest's takes no place").isEmpty();
        assertThat(store.lastMessages().placeAfterNewest(next)).as("nor does the newest's own id").isEmpty();
        assertThat(store.lastMessages().newest(room.id())).contains(LastMessage.of(next, 2));
        assertThat(store.lastMessages().newest(Fixtures.roomId())).isEmpty();
    }

    @Test
    void a_place_is_put_back_only_while_nothing_was_placed_after_it() {
        LastMessage first = store.lastMessages().newest(room.id()).orElseThrow();
        Message next = unstored(T0.plusSeconds(5), "next");
        store.lastMessages().placeAfterNewest(next);
        assertThat(store.lastMessages().putBack(first, 2)).isTrue();
        assertThat(store.lastMessages().newest(room.id())).contains(first);

        store.lastMessages().placeAfterNewest(next);
        store.lastMessages().placeAfterNewest(unstored(T0.plusSeconds(6), "after it"));
        assertThat(store.lastMessages().putBack(first, 2)).isFalse();
        assertThat(store.lastMessages().newest(room.id()).orElseThrow().seq()).isEqualTo(3);
    }

    @Test
    void concurrent_placements_take_every_place_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Optional<Placement>>> placements = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Message message = unstored(T0.plusSeconds(10).plusMillis(i), "m" + i);
                placements.add(pool.submit(() -> store.lastMessages().placeAfterNewest(message)));
            }
            List<Long> places = new ArrayList<>();
            for (Future<Optional<Placement>> placement : placements) {
                placement.get(60, TimeUnit.SECONDS).ifPresent(taken -> places.add(taken.seq()));
            }
            assertThat(places).doesNotHaveDuplicates();
            assertThat(store.lastMessages().newest(room.id()).orElseThrow().seq()).isEqualTo(1 + places.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_message_is_added_to_the_log_once_and_found_at_its_place() {
        Message message = unstored(T0.plusSeconds(3), "logged");
        assertThat(store.log().add(message, 2)).isTrue();
        assertThat(store.log().add(message, 3)).as("its id is taken").isFalse();

        assertThat(store.log().find(room.id(), message.id())).contains(new PlacedMessage(message, 2));
        assertThat(store.log().find(room.id(), unstored(T0.plusSeconds(4), "never").id())).isEmpty();
    }

    @Test
    void a_read_position_moves_only_forward_and_only_for_a_member() {
        UserId stranger = user("stranger");
        Instant at = T0.plusSeconds(9);
        assertThat(store.memberships().moveUpTo(room.id(), bob, 5, at))
                .as("from 1: the room's first message is read by every member").isEqualTo(OptionalLong.of(4));
        assertThat(store.memberships().moveUpTo(room.id(), bob, 5, at)).isEmpty();
        assertThat(store.memberships().moveUpTo(room.id(), bob, 3, at)).as("never back").isEmpty();
        assertThat(store.memberships().moveUpTo(room.id(), bob, 8, at)).isEqualTo(OptionalLong.of(3));
        assertThat(store.memberships().moveUpTo(room.id(), stranger, 8, at)).as("no membership").isEmpty();
        assertThat(listing.roomsOf(stranger, Optional.empty(), 10).rooms()).isEmpty();
    }

    @Test
    void marking_unread_moves_a_read_position_only_back_and_only_for_a_member() {
        UserId stranger = user("stranger");
        Instant at = T0.plusSeconds(9);
        store.memberships().moveUpTo(room.id(), bob, 8, at);

        assertThat(store.memberships().moveBackTo(room.id(), bob, 5, at)).isEqualTo(OptionalLong.of(3));
        assertThat(store.memberships().moveBackTo(room.id(), bob, 5, at)).as("there already").isEmpty();
        assertThat(store.memberships().moveBackTo(room.id(), bob, 7, at)).as("never forward").isEmpty();
        assertThat(store.memberships().ofMembers(room.id(), List.of(bob))).containsEntry(bob, 5L);
        assertThat(store.memberships().moveBackTo(room.id(), bob, 0, at)).as("all unread").isEqualTo(OptionalLong.of(5));
        assertThat(store.memberships().moveBackTo(room.id(), stranger, 0, at)).as("no membership").isEmpty();
        assertThat(listing.roomsOf(stranger, Optional.empty(), 10).rooms()).isEmpty();
    }

    @Test
    void a_member_keeps_the_places_that_mention_them_the_latest_100_and_a_stranger_none() {
        UserId stranger = user("stranger");
        store.memberships().mention(room.id(), List.of(bob, stranger), 3);
        store.memberships().mention(room.id(), List.of(bob), 3); // a retried send's

        assertThat(store.memberships().membershipsOf(bob).get(room.id()).mentions()).containsExactly(3L);
        assertThat(store.memberships().membershipsOf(stranger)).isEmpty();
        assertThat(store.memberships().membershipsOf(alice).get(room.id()).mentions()).isEmpty();
        assertThat(store.memberships().membershipsOf(bob).get(room.id()).readSeq())
                .isEqualTo(store.memberships().ofUser(bob).get(room.id()));

        for (long place = 10; place < 10 + Memberships.MENTIONS_KEPT + 5; place++) {
            store.memberships().mention(room.id(), List.of(bob), place);
        }
        Memberships.Membership kept = store.memberships().membershipsOf(bob).get(room.id());
        assertThat(kept.mentions()).hasSize(Memberships.MENTIONS_KEPT).doesNotContain(3L, 10L, 14L).contains(15L, 114L);
        assertThat(kept.unreadMentions()).isEqualTo(Memberships.MENTIONS_KEPT);
    }

    @Test
    void a_live_claim_is_not_taken_again_and_an_expired_one_is() {
        SendKey key = new SendKey(room.id(), alice, ClientMessageId.of("k-1"));
        Instant expiry = T0.plus(MessagePosting.CLAIM_LIFETIME);
        SendClaim first = new SendClaim(key, MessageId.of(T0, "a"), "fingerprint-a", expiry);
        SendClaim second = new SendClaim(key, MessageId.of(expiry, "b"), "fingerprint-b",
                expiry.plus(MessagePosting.CLAIM_LIFETIME));

        assertThat(store.sendClaims().claim(first, T0)).isTrue();
        assertThat(store.sendClaims().claim(second, expiry.minusSeconds(1))).isFalse();
        assertThat(store.sendClaims().find(key)).contains(first);
        assertThat(store.sendClaims().claim(second, expiry)).as("expired at its time").isTrue();
        assertThat(store.sendClaims().find(key)).contains(second);
        assertThat(store.sendClaims().find(new SendKey(room.id(), bob, key.id()))).isEmpty();
    }

    @Test
    void a_claim_follows_its_message_to_a_later_id() {
        SendKey key = new SendKey(room.id(), alice, ClientMessageId.of("k-2"));
        SendClaim claim = new SendClaim(key, MessageId.of(T0, "a"), "fingerprint",
                T0.plus(MessagePosting.CLAIM_LIFETIME));
        store.sendClaims().claim(claim, T0);
        MessageId later = MessageId.of(T0.plusSeconds(1), "a");

        store.sendClaims().moveTo(key, later);

        assertThat(store.sendClaims().find(key)).contains(new SendClaim(key, later, "fingerprint", claim.expiresAt()));
    }

    @Test
    void reads_of_several_return_what_exists_and_leave_out_the_rest() {
        Room other = newRoom(alice, user("carol"));
        io.chatkit.core.domain.RoomId unknown = Fixtures.roomId();
        UserId stranger = user("stranger");

        assertThat(store.rooms().findAll(List.of(room.id(), other.id(), unknown))).containsExactlyInAnyOrder(room, other);
        assertThat(store.lastMessages().newestOf(List.of(room.id(), other.id(), unknown)))
                .extracting(LastMessage::room, LastMessage::seq)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(room.id(), 1L),
                        org.assertj.core.groups.Tuple.tuple(other.id(), 1L));
        assertThat(store.memberships().ofUser(alice)).containsEntry(room.id(), 1L).containsEntry(other.id(), 1L);
        assertThat(store.memberships().ofUser(stranger)).isEmpty();
        assertThat(store.memberships().ofMembers(room.id(), List.of(alice, bob, stranger)))
                .isEqualTo(java.util.Map.of(alice, 1L, bob, 1L));
    }

    @Test
    void the_log_knows_each_messages_place() {
        Message first = store.lastMessages().newest(room.id()).map(last -> history.messagesBefore(room.id(),
                Optional.empty(), 1).get(0)).orElseThrow();
        Message second = append(alice, T0.plusSeconds(1), "second");

        assertThat(store.log().placeOf(room.id(), first.id())).isEqualTo(java.util.OptionalLong.of(1));
        assertThat(store.log().placeOf(room.id(), second.id())).isEqualTo(java.util.OptionalLong.of(2));
        assertThat(store.log().placeOf(room.id(), unstored(T0.plusSeconds(2), "never").id())).isEmpty();
        assertThat(store.log().after(room.id(), first.id(), 10)).extracting(PlacedMessage::seq).containsExactly(2L);
        assertThat(store.log().before(room.id(), Optional.empty(), 10)).extracting(PlacedMessage::seq)
                .containsExactly(2L, 1L);
    }

    @Test
    void a_block_is_kept_once_within_its_bound_and_read_back_per_user() {
        UserId carol = user("carol");
        UserId stranger = user("stranger");

        assertThat(store.blocks().block(alice, bob, 2)).isEqualTo(Blocks.Blocked.NEW);
        assertThat(store.blocks().block(alice, bob, 2)).isEqualTo(Blocks.Blocked.ALREADY);
        assertThat(store.blocks().block(alice, carol, 2)).isEqualTo(Blocks.Blocked.NEW);
        assertThat(store.blocks().block(alice, stranger, 2)).isEqualTo(Blocks.Blocked.FULL);
        assertThat(store.blocks().block(alice, bob, 2)).as("at the bound, a repeat").isEqualTo(Blocks.Blocked.ALREADY);
        store.blocks().block(bob, alice, 2);

        assertThat(store.blocks().blockedBy(alice)).containsExactlyInAnyOrder(bob, carol);
        assertThat(store.blocks().blockedByEach(List.of(alice, bob, stranger)))
                .isEqualTo(java.util.Map.of(alice, Set.of(bob, carol), bob, Set.of(alice)));
        store.blocks().unblock(alice, carol);
        store.blocks().unblock(alice, stranger);
        assertThat(store.blocks().blockedBy(alice)).containsExactly(bob);
        assertThat(store.blocks().blockedBy(stranger)).isEmpty();
    }

    @Test
    void a_rooms_mutes_are_added_and_taken_out_and_go_with_a_leaver() {
        UserId carol = user("carol");
        Room group = newRoom(alice, bob, carol);
        Mute aliceMutesBob = new Mute(alice, bob);
        Mute carolMutesAlice = new Mute(carol, alice);

        store.rooms().mute(group.id(), Set.of(aliceMutesBob, carolMutesAlice));
        assertThat(store.rooms().find(group.id()).orElseThrow().mutes())
                .containsExactlyInAnyOrder(aliceMutesBob, carolMutesAlice);
        store.rooms().unmute(group.id(), Set.of(carolMutesAlice));
        assertThat(store.rooms().find(group.id()).orElseThrow().isMuted(alice, bob)).isTrue();
        assertThat(store.rooms().find(group.id()).orElseThrow().isMuted(carol, alice)).isFalse();

        Room left = store.rooms().removeMember(group.id(), bob, left(bob), Set.of(aliceMutesBob)).orElseThrow();
        assertThat(left.mutes()).isEmpty();
        Room back = store.rooms().addMembers(group.id(), alice, Set.of(bob), 50, added(alice, Set.of(bob)),
                Set.of(aliceMutesBob)).orElseThrow();
        assertThat(back.mutes()).containsExactly(aliceMutesBob);
        assertThat(store.rooms().findAll(List.of(group.id()))).containsExactly(back);
    }

    @Test
    void a_retried_creation_finds_its_own_room_though_the_first_attempt_muted_a_pair_in_it() {
        UserId carol = user("carol");
        store.blocks().block(alice, bob, 100);
        Room group = room(carol, alice, bob);
        rooms.createRoom(group, created(group), ROOMS_EACH);

        rooms.createRoom(group, created(group), ROOMS_EACH); // its answer was lost: the same request again

        assertThat(store.rooms().find(group.id()).orElseThrow().mutes()).containsExactly(new Mute(alice, bob));
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .containsExactly(group.id());
    }
}
