package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RoomAlreadyExistsException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Rooms, messages, participations and read state in memory, with the same rules as the DynamoDB
 * store (idempotent sends, positions that only move forward, unread counts). Thread-safe: one lock,
 * which keeps every rule trivially atomic.
 */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<RoomId, Room> rooms = new HashMap<>();
    private final Map<RoomId, NavigableMap<MessageId, Message>> history = new HashMap<>();
    private final Map<SendKey, MessageId> sends = new HashMap<>();
    private final Map<UserId, Map<RoomId, Participation>> participations = new HashMap<>();

    private record SendKey(RoomId room, UserId sender, ClientMessageId clientMessageId) {
    }

    private record Participation(MessageId lastMessageId, String preview, int unread) {
        Participation movedTo(Message message) {
            return message.id().compareTo(lastMessageId) > 0
                    ? new Participation(message.id(), message.content().preview(), unread)
                    : this;
        }

        Participation withUnread(int delta) {
            return new Participation(lastMessageId, preview, unread + delta);
        }
    }

    @Override
    public synchronized void createRoom(Room room, Message firstMessage) {
        if (rooms.containsKey(room.id())) {
            throw new RoomAlreadyExistsException(room.id());
        }
        rooms.put(room.id(), room);
        history.put(room.id(), new TreeMap<>());
        Participation start = new Participation(firstMessage.id(), firstMessage.content().preview(), 0);
        room.members().forEach(member ->
                participations.computeIfAbsent(member, m -> new HashMap<>()).put(room.id(), start));
        store(room, firstMessage);
    }

    @Override
    public synchronized Optional<Room> findRoom(RoomId id) {
        return Optional.ofNullable(rooms.get(id));
    }

    @Override
    public synchronized AppendResult append(Room room, Message message) {
        if (!rooms.containsKey(room.id())) {
            throw new IllegalArgumentException("no room " + room.id());
        }
        if (message.clientMessageId().isPresent()) {
            SendKey key = new SendKey(room.id(), message.senderId(), message.clientMessageId().get());
            MessageId first = sends.get(key);
            if (first != null) {
                return new AppendResult.Duplicate(history.get(room.id()).get(first));
            }
            sends.put(key, message.id());
        }
        store(room, message);
        return new AppendResult.Stored(message);
    }

    private void store(Room room, Message message) {
        history.get(room.id()).put(message.id(), message);
        for (UserId member : room.members()) {
            Map<RoomId, Participation> ofMember = participations.get(member);
            Participation moved = ofMember.get(room.id()).movedTo(message);
            ofMember.put(room.id(), message.isReadBy(member) ? moved : moved.withUnread(1));
        }
    }

    @Override
    public synchronized List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit) {
        NavigableMap<MessageId, Message> messages = history.getOrDefault(room, new TreeMap<>()).descendingMap();
        NavigableMap<MessageId, Message> older = before.map(b -> messages.tailMap(b, false)).orElse(messages);
        return older.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized List<Message> messagesAfter(RoomId room, MessageId after, int limit) {
        return history.getOrDefault(room, new TreeMap<>()).tailMap(after, false).values().stream()
                .limit(limit).toList();
    }

    @Override
    public synchronized MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        NavigableMap<MessageId, Message> messages = history.get(room);
        if (messages == null || !messages.containsKey(upTo)) {
            return new MarkReadResult.NoSuchMessage();
        }
        int newlyRead = 0;
        for (Message message : new ArrayList<>(messages.headMap(upTo, true).values())) {
            if (!message.isReadBy(reader)) {
                messages.put(message.id(), message.readAlsoBy(reader));
                newlyRead++;
            }
        }
        Map<RoomId, Participation> ofReader = participations.get(reader);
        if (ofReader != null && ofReader.containsKey(room)) {
            ofReader.put(room, ofReader.get(room).withUnread(-newlyRead));
        }
        return new MarkReadResult.Marked(newlyRead);
    }

    @Override
    public synchronized List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        return participations.getOrDefault(user, Map.of()).entrySet().stream()
                .map(entry -> new RoomSummary(rooms.get(entry.getKey()), entry.getValue().lastMessageId(),
                        entry.getValue().preview(), entry.getValue().unread()))
                .filter(summary -> after.isEmpty()
                        || RoomPosition.LIST_ORDER.compare(summary.position(), after.get()) > 0)
                .sorted((a, b) -> RoomPosition.LIST_ORDER.compare(a.position(), b.position()))
                .limit(limit)
                .toList();
    }
}
