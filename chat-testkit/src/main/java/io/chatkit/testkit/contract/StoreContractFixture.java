package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.created;
import static io.chatkit.testkit.fixtures.Fixtures.message;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.core.service.MessagePosting.Posted;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;

/** The state and helpers every part of {@link MessageStoreContract} works with: a fresh store, the chat's rules over it and a room of alice and bob. */
public abstract class StoreContractFixture {
    /** The rooms a user may belong to, in tests that are not about that limit. */
    protected static final int ROOMS_EACH = 1_000;
    protected static final Executor SIDE_BY_SIDE = ChatThreads.bounded(16);

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

    protected Message append(UserId sender, Instant at, String text) {
        Message message = message(room, sender, at, text);
        assertThat(posting.post(room, message)).isEqualTo(new Posted.Stored(message));
        return message;
    }

    /** The change an addition by {@code by} keeps (its notice is not the store's business). */
    protected static RoomChange added(UserId by, Set<UserId> users) {
        return new RoomChange(RoomChange.Kind.ADDED, by, users, MessageId.of(T0, Fixtures.unique("notice").replace("-", "_")));
    }

    protected static RoomChange left(UserId leaver) {
        return new RoomChange(RoomChange.Kind.LEFT, leaver, Set.of(leaver), MessageId.of(T0, Fixtures.unique("notice").replace("-", "_")));
    }

    protected static MessageId[] ids(List<Message> messages, int... indexes) {
        return java.util.Arrays.stream(indexes).mapToObj(i -> messages.get(i).id()).toArray(MessageId[]::new);
    }

    protected List<Message> wholeHistoryNewestFirst(int pageSize) {
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

    protected RoomSummary summaryOf(UserId user, Room which) {
        return listing.roomsOf(user, Optional.empty(), 100).rooms().stream()
                .filter(s -> s.room().id().equals(which.id())).findFirst().orElseThrow();
    }
}
