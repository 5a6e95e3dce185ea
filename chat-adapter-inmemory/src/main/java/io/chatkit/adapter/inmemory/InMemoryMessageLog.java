package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageLog;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** Each room's messages by id (ids sort by time), each at its place; a room's first message also becomes its newest. */
final class InMemoryMessageLog implements MessageLog {
    private final Map<RoomId, NavigableMap<MessageId, PlacedMessage>> histories = new HashMap<>();
    private final InMemoryLastMessages lastMessages;

    InMemoryMessageLog(InMemoryLastMessages lastMessages) {
        this.lastMessages = lastMessages;
    }

    @Override
    public synchronized boolean add(Message message, long seq) {
        return history(message.roomId()).putIfAbsent(message.id(), new PlacedMessage(message, seq)) == null;
    }

    @Override
    public synchronized void addFirst(Message first) {
        history(first.roomId()).put(first.id(), new PlacedMessage(first, 1));
        lastMessages.start(first);
    }

    @Override
    public synchronized void removeFirst(Message first) {
        history(first.roomId()).remove(first.id());
        lastMessages.forget(first.roomId());
    }

    @Override
    public synchronized Optional<PlacedMessage> find(RoomId room, MessageId id) {
        return Optional.ofNullable(history(room).get(id))
                .map(placed -> new PlacedMessage(placed.message().withReaders(List.of()), placed.seq(),
                        placed.changeSeq()));
    }

    @Override
    public synchronized boolean edit(Message edited, long changeSeq) {
        return change(edited, changeSeq, current -> !current.message().content().equals(edited.content()));
    }

    @Override
    public synchronized boolean erase(Message erased, long changeSeq) {
        return change(erased, changeSeq, current -> true);
    }

    @Override
    public synchronized Optional<Message> react(RoomId room, MessageId id, Emoji emoji, UserId user, boolean on,
                                                long changeSeq) {
        PlacedMessage current = history(room).get(id);
        if (current == null || current.message().isDeleted() || current.changeSeq() >= changeSeq
                || current.message().reactions().has(emoji, user) == on) {
            return Optional.empty();
        }
        Message message = current.message();
        Message changed = message.withReactions(on ? message.reactions().with(emoji, user)
                : message.reactions().without(emoji, user));
        history(room).put(id, new PlacedMessage(changed, current.seq(), changeSeq));
        return Optional.of(changed);
    }

    /** Its sender's, not deleted, no later change applied, and {@code also}: then the message as changed, kept. */
    private boolean change(Message changed, long changeSeq, java.util.function.Predicate<PlacedMessage> also) {
        PlacedMessage current = history(changed.roomId()).get(changed.id());
        if (current == null || !current.message().senderId().equals(changed.senderId())
                || current.message().isDeleted() || current.changeSeq() >= changeSeq || !also.test(current)) {
            return false;
        }
        history(changed.roomId()).put(changed.id(), new PlacedMessage(changed.withReaders(List.of()), current.seq(),
                changeSeq));
        return true;
    }

    @Override
    public synchronized Set<MessageId> deletedAmong(RoomId room, Collection<MessageId> ids) {
        Set<MessageId> deleted = new HashSet<>();
        for (MessageId id : ids) {
            PlacedMessage placed = history(room).get(id);
            if (placed != null && placed.message().isDeleted()) {
                deleted.add(id);
            }
        }
        return deleted;
    }

    @Override
    public OptionalLong placeOf(RoomId room, MessageId id) {
        return find(room, id).map(placed -> OptionalLong.of(placed.seq())).orElse(OptionalLong.empty());
    }

    @Override
    public synchronized List<PlacedMessage> before(RoomId room, Optional<MessageId> before, int limit) {
        NavigableMap<MessageId, PlacedMessage> newestFirst = history(room).descendingMap();
        return before.map(id -> newestFirst.tailMap(id, false)).orElse(newestFirst).values().stream()
                .limit(limit).toList();
    }

    @Override
    public synchronized List<PlacedMessage> after(RoomId room, MessageId after, int limit) {
        return history(room).tailMap(after, false).values().stream().limit(limit).toList();
    }

    private NavigableMap<MessageId, PlacedMessage> history(RoomId room) {
        return histories.computeIfAbsent(room, id -> new TreeMap<>());
    }
}
