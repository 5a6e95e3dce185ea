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
import java.util.TreeSet;

/** Each user's memberships: their rooms and their read position in each. */
final class InMemoryMemberships implements Memberships {
    private final Map<UserId, Map<RoomId, Long>> memberships = new HashMap<>();
    /** The places of the messages that mention each member, the latest {@link #MENTIONS_KEPT}, per room. */
    private final Map<UserId, Map<RoomId, TreeSet<Long>>> mentions = new HashMap<>();

    @Override
    public synchronized boolean join(RoomId room, UserId member, long readSeq) {
        return memberships.computeIfAbsent(member, user -> new HashMap<>()).putIfAbsent(room, readSeq) == null;
    }

    @Override
    public synchronized boolean leave(RoomId room, UserId member) {
        mentions.getOrDefault(member, new HashMap<>()).remove(room);
        return memberships.getOrDefault(member, new HashMap<>()).remove(room) != null;
    }

    @Override
    public synchronized void mention(RoomId room, Collection<UserId> members, long seq) {
        for (UserId member : members) {
            if (!memberships.getOrDefault(member, Map.of()).containsKey(room)) {
                continue;
            }
            TreeSet<Long> places = mentions.computeIfAbsent(member, user -> new HashMap<>())
                    .computeIfAbsent(room, r -> new TreeSet<>());
            places.add(seq);
            while (places.size() > MENTIONS_KEPT) {
                places.pollFirst();
            }
        }
    }

    @Override
    public synchronized Map<RoomId, Membership> membershipsOf(UserId user) {
        Map<RoomId, Membership> of = new HashMap<>();
        Map<RoomId, TreeSet<Long>> mentioned = mentions.getOrDefault(user, Map.of());
        memberships.getOrDefault(user, Map.of()).forEach((room, readSeq) ->
                of.put(room, new Membership(readSeq, mentioned.getOrDefault(room, new TreeSet<>()))));
        return of;
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
