package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Each room's newest message and its place. */
final class InMemoryLastMessages implements LastMessages {
    private final Map<RoomId, LastMessage> newest = new HashMap<>();

    @Override
    public synchronized boolean changePreview(RoomId room, MessageId id, String preview, Optional<Instant> editedAt) {
        LastMessage last = newest.get(room);
        if (last == null || !last.id().equals(id)) {
            return false;
        }
        newest.put(room, new LastMessage(room, last.id(), last.seq(), last.at(), last.sender(), preview,
                editedAt));
        return true;
    }

    @Override
    public synchronized Optional<Placement> placeAfterNewest(Message message) {
        Optional<LastMessage> before = Optional.ofNullable(newest.get(message.roomId()));
        if (before.isPresent() && before.get().id().compareTo(message.id()) >= 0) {
            return Optional.empty();
        }
        long seq = before.map(LastMessage::seq).orElse(0L) + 1;
        newest.put(message.roomId(), LastMessage.of(message, seq));
        return Optional.of(new Placement(seq, before));
    }

    @Override
    public synchronized Optional<LastMessage> newest(RoomId room) {
        return Optional.ofNullable(newest.get(room));
    }

    @Override
    public synchronized List<LastMessage> newestOf(Collection<RoomId> ids) {
        return ids.stream().map(newest::get).filter(Objects::nonNull).toList();
    }

    @Override
    public synchronized boolean putBack(LastMessage previous, long placed) {
        LastMessage last = newest.get(previous.room());
        if (last == null || last.seq() != placed) {
            return false;
        }
        newest.put(previous.room(), previous);
        return true;
    }

    /** A new room's first message is its newest, at place 1. */
    synchronized void start(Message first) {
        newest.put(first.roomId(), LastMessage.of(first, 1));
    }

    synchronized void forget(RoomId room) {
        newest.remove(room);
    }
}
