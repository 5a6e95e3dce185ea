package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Memberships;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Each user's memberships: their rooms and their read position in each. */
final class InMemoryMemberships implements Memberships {
    private final Map<UserId, Map<RoomId, Long>> memberships = new HashMap<>();

    @Override
    public synchronized boolean join(RoomId room, UserId member, long readSeq) {
        return memberships.computeIfAbsent(member, user -> new HashMap<>()).putIfAbsent(room, readSeq) == null;
    }

    @Override
    public synchronized boolean leave(RoomId room, UserId member) {
        return memberships.getOrDefault(member, new HashMap<>()).remove(room) != null;
    }

    @Override
    public synchronized OptionalLong moveUpTo(RoomId room, UserId member, long seq, Instant at) {
        Map<RoomId, Long> positions = memberships.getOrDefault(member, Map.of());
        Long read = positions.get(room);
        if (read == null || read >= seq) {
            return OptionalLong.empty();
        }
        positions.put(room, seq);
        return OptionalLong.of(seq - read);
    }

    @Override
    public synchronized OptionalLong moveBackTo(RoomId room, UserId member, long seq, Instant at) {
        Map<RoomId, Long> positions = memberships.getOrDefault(member, Map.of());
        Long read = positions.get(room);
        if (read == null || read <= seq) {
            return OptionalLong.empty();
        }
        positions.put(room, seq);
        return OptionalLong.of(read - seq);
    }

    @Override
    public synchronized Map<RoomId, Long> ofUser(UserId user) {
        return Map.copyOf(memberships.getOrDefault(user, Map.of()));
    }

    @Override
    public synchronized Map<UserId, Long> ofMembers(RoomId room, Collection<UserId> members) {
        Map<UserId, Long> positions = new HashMap<>();
        members.forEach(member -> Optional.ofNullable(memberships.getOrDefault(member, Map.of()).get(room))
                .ifPresent(position -> positions.put(member, position)));
        return positions;
    }
}
