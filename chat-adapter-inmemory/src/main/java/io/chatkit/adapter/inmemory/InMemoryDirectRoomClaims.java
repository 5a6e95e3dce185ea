package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.DirectRoomClaims;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Each pair's claim on their direct room. */
final class InMemoryDirectRoomClaims implements DirectRoomClaims {
    private final Map<Pair, RoomId> directRooms = new HashMap<>();

    @Override
    public synchronized Optional<RoomId> find(Pair pair) {
        return Optional.ofNullable(directRooms.get(pair));
    }

    @Override
    public synchronized boolean claim(Pair pair, RoomId room, Optional<RoomId> expected) {
        if (!Objects.equals(directRooms.get(pair), expected.orElse(null))) {
            return false;
        }
        directRooms.put(pair, room);
        return true;
    }

    @Override
    public synchronized void release(Pair pair, RoomId room) {
        directRooms.remove(pair, room);
    }
}
