package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.MessageChanges;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Each room's change sequence: a counter and the changes at their places (kept for the life of the process). */
final class InMemoryMessageChanges implements MessageChanges {
    private final Map<RoomId, Long> counters = new HashMap<>();
    private final Map<RoomId, NavigableMap<Long, MessageChange>> changes = new HashMap<>();

    @Override
    public synchronized long next(RoomId room) {
        return counters.merge(room, 1L, Long::sum);
    }

    @Override
    public synchronized long current(RoomId room) {
        return counters.getOrDefault(room, 0L);
    }

    @Override
    public synchronized void add(MessageChange change) {
        changes.computeIfAbsent(change.roomId(), id -> new TreeMap<>()).put(change.seq(), change);
    }

    @Override
    public synchronized Optional<MessageChange> find(RoomId room, long seq) {
        return Optional.ofNullable(changes.getOrDefault(room, new TreeMap<>()).get(seq));
    }

    @Override
    public synchronized List<MessageChange> after(RoomId room, long seq, int limit) {
        return changes.getOrDefault(room, new TreeMap<>()).tailMap(seq, false).values().stream().limit(limit)
                .toList();
    }
}
