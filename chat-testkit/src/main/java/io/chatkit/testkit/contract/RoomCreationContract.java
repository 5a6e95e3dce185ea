package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.created;
import static io.chatkit.testkit.fixtures.Fixtures.room;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.RoomAlreadyExistsException;
import io.chatkit.core.service.RoomChanges;
import io.chatkit.testkit.fixtures.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link MessageStoreContract}, its rooms: created once, found with their members, one direct room per pair. */
public abstract class RoomCreationContract extends StoreContractFixture {
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
}
