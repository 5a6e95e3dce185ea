package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.created;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Blocks;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages.Placement;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.SendClaims.RoomAndClaim;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.core.service.MessagePosting.Posted;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.core.service.RoomAlreadyExistsException;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.core.service.RoomHistory.MarkReadResult;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.core.service.TooManyRoomsException;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do: each operation of its role ports with its condition, and the chat's
 * rules over them ({@link MessagePosting}, {@link RoomChanges}, {@link RoomListing}, {@link RoomHistory}) on this store. Extend it with a factory for your adapter.
 */
public abstract class MessageStoreContract {
    /** The rooms a user may belong to, in tests that are not about that limit. */
    protected static final int ROOMS_EACH = 1_000;
    private static final Executor SIDE_BY_SIDE = ChatThreads.bounded(16);

    protected MessageStore store;
    protected MessagePosting posting;
    protected RoomListing listing;
    protected RoomHistory history;
    protected RoomChanges rooms;
    protected UserId alice;
    protected UserId bob;
    protected Room room;

    /** A store to test; it may be shared between tests (the contract uses fresh ids every time). */
    protected abstract MessageStore newStore();

    @BeforeEach
    void createStoreAndRoom() {
        store = newStore();
        rooms = new RoomChanges(store, SIDE_BY_SIDE);
        posting = new MessagePosting(store, SIDE_BY_SIDE, Clock.systemUTC());
        listing = new RoomListing(store);
        history = new RoomHistory(store, SIDE_BY_SIDE);
        alice = user("alice");
        bob = user("bob");
        room = newRoom(alice, bob);
    }

    protected Room newRoom(UserId... members) {
        Room created = room(members);
        rooms.createRoom(created, created(created), ROOMS_EACH);
        return created;
    }

    private Message append(UserId sender, Instant at, String text) {
        Message message = message(room, sender, at, text);
        assertThat(posting.post(room, message)).isEqualTo(new Posted.Stored(message));
        return message;
    }

    /** The change an addition by {@code by} keeps (its notice is not the store's business). */
    private static RoomChange added(UserId by, Set<UserId> users) {
        return new RoomChange(RoomChange.Kind.ADDED, by, users, MessageId.of(T0, Fixtures.unique("notice").replace("-", "_")));
    }

    private static RoomChange left(UserId leaver) {
        return new RoomChange(RoomChange.Kind.LEFT, leaver, Set.of(leaver), MessageId.of(T0, Fixtures.unique("notice").replace("-", "_")));
    }

    private static MessageId[] ids(List<Message> messages, int... indexes) {
        return java.util.Arrays.stream(indexes).mapToObj(i -> messages.get(i).id()).toArray(MessageId[]::new);
    }

    private List<Message> wholeHistoryNewestFirst(int pageSize) {
        List<Message> all = new ArrayList<>();
        Optional<MessageId> before = Optional.empty();
        while (true) {
            List<Message> page = history.messagesBefore(room.id(), before, pageSize);
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            before = Optional.of(page.get(page.size() - 1).id());
        }
    }

    private RoomSummary summaryOf(UserId user, Room which) {
        return listing.roomsOf(user, Optional.empty(), 100).rooms().stream()
                .filter(s -> s.room().id().equals(which.id())).findFirst().orElseThrow();
    }

    // --- rooms

    @Test
    void a_created_room_is_found_with_its_members_and_first_message() {
        assertThat(store.rooms().find(room.id())).contains(room);
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 10))
                .singleElement().satisfies(m -> assertThat(m.content().text()).isEqualTo("room created"));
    }

    @Test
    void an_unknown_room_is_empty_not_an_error() {
        assertThat(store.rooms().find(Fixtures.roomId())).isEmpty();
        assertThat(history.messagesBefore(Fixtures.roomId(), Optional.empty(), 10)).isEmpty();
    }

    @Test
    void a_room_id_cannot_be_taken_twice() {
        Room impostor = Room.create(room.id(), RoomName.of("other"), room.members(), T0);

        assertThatThrownBy(() -> rooms.createRoom(impostor, created(impostor), ROOMS_EACH))
                .isInstanceOf(RoomAlreadyExistsException.class);
        assertThat(store.rooms().find(room.id())).contains(room);
    }

    @Test
    void a_pair_has_one_unnamed_direct_room() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room first = room(carol, dave);
        Room second = room(dave, carol);

        assertThat(rooms.createDirectRoom(first, created(first), ROOMS_EACH)).isEqualTo(new RoomChanges.DirectRoom.Created(first));
        assertThat(rooms.createDirectRoom(second, created(second), ROOMS_EACH))
                .isEqualTo(new RoomChanges.DirectRoom.Existing(first));
        assertThat(store.rooms().find(second.id())).as("nothing written for the second").isEmpty();
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).extracting(s -> s.room().id()).containsExactly(first.id());
    }

    @Test
    void of_concurrent_direct_rooms_for_one_pair_exactly_one_is_created() throws Exception {
        UserId erin = user("erin");
        UserId frank = user("frank");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RoomChanges.DirectRoom>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Room attempt = room(erin, frank);
                results.add(pool.submit(() -> {
                    start.await();
                    return rooms.createDirectRoom(attempt, created(attempt), ROOMS_EACH);
                }));
            }
            start.countDown();
            List<RoomChanges.DirectRoom> outcomes = new ArrayList<>();
            for (Future<RoomChanges.DirectRoom> result : results) {
                outcomes.add(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(outcomes).filteredOn(RoomChanges.DirectRoom.Created.class::isInstance).hasSize(1);
            assertThat(outcomes).extracting(RoomChanges.DirectRoom::room).extracting(Room::id).containsOnly(
                    outcomes.stream().filter(RoomChanges.DirectRoom.Created.class::isInstance).findFirst()
                            .orElseThrow().room().id());
            assertThat(listing.roomsOf(erin, Optional.empty(), 10).rooms()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_group_room_keeps_all_its_members() {
        UserId carol = user("carol");
        Room group = newRoom(alice, bob, carol);

        assertThat(store.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .containsExactly(group.id());
    }

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

    // --- membership

    @Test
    void an_added_member_finds_the_room_in_their_list_with_its_history_read_and_gets_what_comes_next() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        posting.post(group, message(group, bob, T0.plusSeconds(10), "before dave"));

        Optional<Room> after = rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, added(alice, Set.of(dave)));

        assertThat(after).hasValueSatisfying(r -> assertThat(r.members()).containsExactlyInAnyOrder(alice, bob, carol, dave));
        assertThat(store.rooms().find(group.id())).isEqualTo(after);
        RoomSummary davesView = summaryOf(dave, group);
        assertThat(davesView.unreadCount()).as("history counts as read").isZero();
        assertThat(davesView.lastMessagePreview()).isEqualTo("before dave");
        posting.post(after.get(), message(group, bob, T0.plusSeconds(20), "welcome"));
        assertThat(summaryOf(dave, group).unreadCount()).isEqualTo(1);
        assertThat(history.messagesBefore(group.id(), Optional.empty(), 1).get(0).readBy()).doesNotContain(dave);
    }

    @Test
    void adding_beyond_the_limit_or_by_a_non_member_changes_nothing() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        UserId erin = user("erin");
        Room group = newRoom(alice, bob, carol);

        assertThat(rooms.addMembers(group, alice, Set.of(dave, erin), 4, ROOMS_EACH, added(alice, Set.of(dave, erin)))).isEmpty();
        assertThat(rooms.addMembers(group, dave, Set.of(erin), 50, ROOMS_EACH, added(dave, Set.of(erin)))).as("dave is no member").isEmpty();

        assertThat(store.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).isEmpty();
        assertThat(listing.roomsOf(erin, Optional.empty(), 10).rooms()).isEmpty();
    }

    @Test
    void adding_again_is_harmless() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        RoomChange change = added(alice, Set.of(dave));
        Room once = rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, change).orElseThrow();
        posting.post(once, message(group, bob, T0.plusSeconds(10), "hi dave"));

        assertThat(rooms.addMembers(group, alice, Set.of(dave), 50, ROOMS_EACH, change)).as("the same request again")
                .contains(once);
        assertThat(summaryOf(dave, group).unreadCount()).as("dave's read position stays").isEqualTo(1);
    }

    @Test
    void a_leaver_loses_the_room_from_their_list_at_once_and_later_messages_do_not_bring_it_back() {
        UserId carol = user("carol");
        Room group = newRoom(alice, bob, carol);

        Optional<Room> after = rooms.removeMember(group, carol, left(carol));

        assertThat(after).hasValueSatisfying(r -> assertThat(r.members()).containsExactlyInAnyOrder(alice, bob));
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).isEmpty();
        posting.post(group, message(group, alice, T0.plusSeconds(10), "sent by someone who read the room before"));
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).isEmpty();
        assertThat(summaryOf(bob, group).unreadCount()).isEqualTo(1);
        assertThat(rooms.removeMember(group, carol, left(carol))).as("leaving twice").isEmpty();
    }

    @Test
    void after_one_of_a_pair_leaves_their_direct_room_the_pair_can_start_a_new_one() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room first = room(carol, dave);
        rooms.createDirectRoom(first, created(first), ROOMS_EACH);

        assertThat(rooms.removeMember(first, dave, left(dave))).hasValueSatisfying(r -> assertThat(r.members()).containsExactly(carol));
        Room second = room(dave, carol);

        assertThat(rooms.createDirectRoom(second, created(second), ROOMS_EACH)).isEqualTo(new RoomChanges.DirectRoom.Created(second));
        assertThat(rooms.removeMember(first, carol, left(carol))).as("the last member leaves too")
                .hasValueSatisfying(r -> assertThat(r.members()).isEmpty());
        assertThat(store.rooms().find(first.id())).hasValueSatisfying(r -> assertThat(r.members()).isEmpty());
    }

    @Test
    void a_user_in_as_many_rooms_as_allowed_is_in_no_new_room_until_they_leave_one() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        List<Room> carols = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Room r = room(carol, user("friend"));
            rooms.createRoom(r, created(r), 3);
            carols.add(r);
        }
        Room fourth = room(carol, dave, alice);

        assertThatThrownBy(() -> rooms.createRoom(fourth, created(fourth), 3))
                .isInstanceOfSatisfying(TooManyRoomsException.class, e -> {
                    assertThat(e.users()).containsExactly(carol);
                    assertThat(e.maxRoomsPerUser()).isEqualTo(3);
                });
        Room direct = room(carol, dave);
        assertThatThrownBy(() -> rooms.createDirectRoom(direct, created(direct), 3))
                .isInstanceOf(TooManyRoomsException.class);

        assertThat(store.rooms().find(fourth.id())).as("nothing stored").isEmpty();
        assertThat(store.rooms().find(direct.id())).isEmpty();
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).as("dave's list untouched").isEmpty();
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).hasSize(3);
        rooms.removeMember(carols.get(0), carol, left(carol));
        rooms.createRoom(fourth, created(fourth), 3);
        assertThat(listing.roomsOf(carol, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .contains(fourth.id()).hasSize(3);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).hasSize(1);
    }

    @Test
    void adding_a_user_in_as_many_rooms_as_allowed_changes_nothing() {
        UserId carol = user("carol");
        UserId dave = user("dave");
        Room group = newRoom(alice, bob, carol);
        Room davesOnly = room(dave, user("friend"));
        rooms.createRoom(davesOnly, created(davesOnly), 1);

        assertThatThrownBy(() -> rooms.addMembers(group, alice, Set.of(dave, user("erin")), 50, 1, added(alice, Set.of(dave, user("erin")))))
                .isInstanceOfSatisfying(TooManyRoomsException.class,
                        e -> assertThat(e.users()).containsExactly(dave));

        assertThat(store.rooms().find(group.id()).orElseThrow().members()).containsExactlyInAnyOrder(alice, bob, carol);
        assertThat(listing.roomsOf(dave, Optional.empty(), 10).rooms()).extracting(s -> s.room().id())
                .containsExactly(davesOnly.id());
    }

    // --- room list

    @Test
    void the_room_list_says_whether_more_rooms_follow_the_page() {
        UserId dana = user("dana");
        for (int i = 0; i < 3; i++) {
            newRoom(dana, user("friend"));
        }

        assertThat(listing.roomsOf(dana, Optional.empty(), 2).more()).isTrue();
        RoomListing.RoomList all = listing.roomsOf(dana, Optional.empty(), 3);
        assertThat(all.more()).isFalse();
        assertThat(all.rooms()).hasSize(3);
        assertThat(listing.roomsOf(dana, Optional.of(all.rooms().get(1).position()), 2).more()).isFalse();
    }

    @Test
    void rooms_are_listed_most_recent_message_first_with_preview_and_unread_count() {
        Room quiet = newRoom(alice, user("carol"));
        Room busy = room;
        posting.post(quiet, message(quiet, alice, T0.plusSeconds(10), "old news"));
        posting.post(busy, message(busy, bob, T0.plusSeconds(20), "fresh"));

        List<RoomSummary> rooms = listing.roomsOf(alice, Optional.empty(), 10).rooms();

        assertThat(rooms).extracting(s -> s.room().id()).containsExactly(busy.id(), quiet.id());
        assertThat(rooms.get(0).lastMessagePreview()).isEqualTo("fresh");
        assertThat(rooms.get(0).lastMessageAt()).isEqualTo(T0.plusSeconds(20));
        assertThat(rooms.get(0).unreadCount()).isEqualTo(1);
        assertThat(rooms.get(1).unreadCount()).isZero();
        assertThat(rooms.get(0).room()).isEqualTo(busy);
    }

    @Test
    void the_preview_is_the_first_100_characters() {
        String longText = "😀".repeat(150);
        posting.post(room, message(room, alice, T0.plusSeconds(1), longText));

        assertThat(summaryOf(bob, room).lastMessagePreview()).isEqualTo("😀".repeat(100));
    }

    @Test
    void the_room_list_pages_without_gaps_or_repeats() {
        UserId dana = user("dana");
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Room r = newRoom(dana, user("friend"));
            posting.post(r, message(r, dana, T0.plusSeconds(100 - i), "hi " + i));
            rooms.add(r);
        }

        List<RoomSummary> first = listing.roomsOf(dana, Optional.empty(), 2).rooms();
        List<RoomSummary> second = listing.roomsOf(dana, Optional.of(first.get(1).position()), 2).rooms();
        List<RoomSummary> third = listing.roomsOf(dana, Optional.of(second.get(1).position()), 2).rooms();

        List<RoomSummary> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        assertThat(all).extracting(s -> s.room().id()).containsExactlyElementsOf(
                rooms.stream().map(Room::id).toList());
    }

    @Test
    void a_message_stamped_before_the_rooms_newest_is_stored_after_it_so_the_room_never_moves_back() {
        Room other = newRoom(alice, bob);
        posting.post(room, message(room, alice, T0.plusSeconds(50), "newest"));
        posting.post(other, message(other, alice, T0.plusSeconds(40), "middle"));
        Message late = message(room, bob, T0.plusSeconds(10), "late and old");

        Message stored = posting.post(room, late).message();

        assertThat(stored.id().timestamp()).as("one millisecond after the newest").isEqualTo(
                T0.plusSeconds(50).plusMillis(1));
        assertThat(stored.id().suffix()).isEqualTo(late.id().suffix());
        assertThat(history.messagesBefore(room.id(), Optional.empty(), 1)).extracting(Message::id)
                .containsExactly(stored.id());
        RoomSummary summary = summaryOf(alice, room);
        assertThat(summary.lastMessagePreview()).isEqualTo("late and old");
        assertThat(summary.unreadCount()).isEqualTo(1);
        assertThat(listing.roomsOf(alice, Optional.empty(), 2).rooms()).extracting(s -> s.room().id())
                .containsExactly(room.id(), other.id());
    }

    @Test
    void a_user_without_rooms_has_an_empty_list() {
        assertThat(listing.roomsOf(user("loner"), Optional.empty(), 10).rooms()).isEmpty();
    }

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

    // --- concurrency

    @Test
    void concurrent_writers_lose_nothing_and_the_order_is_total() throws Exception {
        int threads = 8;
        int perThread = concurrentMessagesPerThread();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Message>>> sent = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                UserId sender = t % 2 == 0 ? alice : bob;
                int thread = t;
                sent.add(pool.submit(() -> {
                    start.await();
                    List<Message> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        // Many share a millisecond: the id must break the tie.
                        Message m = message(room, sender, T0.plusSeconds(1).plusMillis(i / 4), "t" + thread + "-" + i);
                        mine.add(posting.post(room, m).message());
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<MessageId> expected = new ArrayList<>();
            for (Future<List<Message>> future : sent) {
                future.get(300, TimeUnit.SECONDS).forEach(m -> expected.add(m.id()));
            }

            List<Message> history = wholeHistoryNewestFirst(100);
            List<MessageId> ids = history.stream().map(Message::id).toList();
            assertThat(ids).hasSize(threads * perThread + 1).doesNotHaveDuplicates()
                    .isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(ids).containsAll(expected);
            int unreadForBob = (int) history.stream().filter(m -> !m.readBy().contains(bob)).count();
            assertThat(summaryOf(bob, room).unreadCount()).isEqualTo(unreadForBob);
            assertThat(summaryOf(bob, room).lastMessageId()).isEqualTo(ids.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    /** 200 by default; a store over the network may choose fewer to keep the build fast. */
    protected int concurrentMessagesPerThread() {
        return 200;
    }

    // --- the role ports: each operation and its condition

    private Message unstored(Instant at, String text) {
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
