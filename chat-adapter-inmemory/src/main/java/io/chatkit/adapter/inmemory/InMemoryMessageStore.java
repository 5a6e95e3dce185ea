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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Rooms, messages, participations and read state in memory, on the same model as the DynamoDB store: each
 * message has a sequence number in its room, each member a read position, and {@code readBy} and unread counts
 * are derived from the two. Thread-safe: one lock, which keeps every rule trivially atomic.
 */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<RoomId, RoomState> rooms = new HashMap<>();
    private final Map<UserId, Map<RoomId, Participation>> participations = new HashMap<>();
    private final Map<Set<UserId>, RoomId> directRooms = new HashMap<>();

    private static final class RoomState {
        Room room;
        final NavigableMap<MessageId, Sequenced> history = new TreeMap<>();
        final Map<ClientMessageId, EarlierSend> sends = new HashMap<>();
        long sequence;

        RoomState(Room room) {
            this.room = room;
        }
    }

    private record Sequenced(Message message, long sequence) {
    }

    private record Participation(MessageId lastMessageId, String preview, long lastSequence, long readSequence) {
        Participation movedTo(Message message, long sequence) {
            return sequence > lastSequence
                    ? new Participation(message.id(), message.content().preview(), sequence, readSequence)
                    : this;
        }

        Participation readUpTo(long sequence) {
            return new Participation(lastMessageId, preview, lastSequence, Math.max(readSequence, sequence));
        }
    }

    @Override
    public synchronized void createRoom(Room room, Message firstMessage) {
        if (rooms.containsKey(room.id())) {
            throw new RoomAlreadyExistsException(room.id());
        }
        RoomState state = new RoomState(room);
        rooms.put(room.id(), state);
        state.sequence = 1;
        state.history.put(firstMessage.id(), new Sequenced(firstMessage, 1));
        room.members().forEach(member -> participations.computeIfAbsent(member, m -> new HashMap<>())
                .put(room.id(), new Participation(firstMessage.id(), firstMessage.content().preview(), 1,
                        firstMessage.isReadBy(member) ? 1 : 0)));
    }

    @Override
    public synchronized DirectRoom createDirectRoom(Room room, Message firstMessage) {
        Set<UserId> pair = Set.copyOf(room.members());
        RoomId existing = directRooms.get(pair);
        if (existing != null) {
            return new DirectRoom.Existing(rooms.get(existing).room);
        }
        createRoom(room, firstMessage);
        directRooms.put(pair, room.id());
        return new DirectRoom.Created(room);
    }

    @Override
    public synchronized Optional<Room> findRoom(RoomId id) {
        return Optional.ofNullable(rooms.get(id)).map(state -> state.room);
    }

    @Override
    public synchronized Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers) {
        RoomState state = rooms.get(room.id());
        Set<UserId> members = new HashSet<>(state.room.members());
        members.addAll(added);
        if (!state.room.hasMember(by) || members.size() > Math.min(maxMembers, state.room.type().maxMembers())) {
            return Optional.empty();
        }
        Sequenced newest = state.history.lastEntry().getValue();
        for (UserId member : added) {
            participations.computeIfAbsent(member, m -> new HashMap<>()).putIfAbsent(room.id(), new Participation(
                    newest.message().id(), newest.message().content().preview(), state.sequence, state.sequence));
        }
        state.room = state.room.withMembers(members);
        return Optional.of(state.room);
    }

    @Override
    public synchronized Optional<Room> removeMember(Room room, UserId leaver) {
        RoomState state = rooms.get(room.id());
        if (state == null || !state.room.hasMember(leaver)) {
            return Optional.empty();
        }
        participations.getOrDefault(leaver, new HashMap<>()).remove(room.id());
        directRooms.values().remove(room.id());
        Set<UserId> members = new HashSet<>(state.room.members());
        members.remove(leaver);
        state.room = state.room.withMembers(members);
        return Optional.of(state.room);
    }

    @Override
    public synchronized SendTarget sendTarget(RoomId room, Optional<ClientMessageId> clientMessageId) {
        RoomState state = rooms.get(room);
        if (state == null) {
            return new SendTarget(Optional.empty(), Optional.empty());
        }
        return new SendTarget(Optional.of(state.room), clientMessageId.map(state.sends::get));
    }

    /** Everything at once under the lock; the listener is told afterwards, outside it. */
    @Override
    public AppendResult append(Room room, Message message, Optional<EarlierSend> earlier,
                               Consumer<Message> whenStored) {
        AppendResult result = appendAtomically(room, message);
        whenStored.accept(result.message());
        return result;
    }

    private synchronized AppendResult appendAtomically(Room room, Message message) {
        RoomState state = rooms.get(room.id());
        if (state == null) {
            throw new IllegalArgumentException("no room " + room.id());
        }
        Optional<EarlierSend> first = message.clientMessageId().map(state.sends::get);
        if (first.isPresent() && first.get().sender().equals(message.senderId())) {
            return new AppendResult.Duplicate(readersOf(state, state.history.get(first.get().messageId())));
        }
        Message stored = state.history.isEmpty() ? message : message.withId(message.id().notBefore(state.history.lastKey()));
        if (first.isEmpty()) {
            // A client message id already claimed by another sender (clients should use random ids) is not reserved.
            message.clientMessageId().ifPresent(id -> state.sends.put(id, new EarlierSend(stored.senderId(), stored.id())));
        }
        long sequence = ++state.sequence;
        state.history.put(stored.id(), new Sequenced(stored, sequence));
        for (UserId member : room.members()) {
            Map<RoomId, Participation> ofMember = participations.getOrDefault(member, Map.of());
            if (!ofMember.containsKey(room.id())) {
                continue; // left the room after the caller read it
            }
            Participation moved = ofMember.get(room.id()).movedTo(stored, sequence);
            ofMember.put(room.id(), member.equals(stored.senderId()) ? moved.readUpTo(sequence) : moved);
        }
        return new AppendResult.Stored(stored);
    }

    @Override
    public synchronized List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit) {
        RoomState state = rooms.get(room);
        if (state == null) {
            return List.of();
        }
        NavigableMap<MessageId, Sequenced> newestFirst = state.history.descendingMap();
        NavigableMap<MessageId, Sequenced> older = before.map(b -> newestFirst.tailMap(b, false)).orElse(newestFirst);
        return older.values().stream().limit(limit).map(m -> readersOf(state, m)).toList();
    }

    @Override
    public synchronized List<Message> messagesAfter(RoomId room, MessageId after, int limit) {
        RoomState state = rooms.get(room);
        if (state == null) {
            return List.of();
        }
        return state.history.tailMap(after, false).values().stream().limit(limit).map(m -> readersOf(state, m))
                .toList();
    }

    /** {@code readBy}: the members whose read position is at or past the message. */
    private Message readersOf(RoomState state, Sequenced sequenced) {
        List<UserId> readers = state.room.members().stream()
                .filter(member -> participationOf(member, state.room.id())
                        .map(p -> p.readSequence() >= sequenced.sequence()).orElse(false))
                .toList();
        return sequenced.message().withReaders(readers);
    }

    private Optional<Participation> participationOf(UserId member, RoomId room) {
        return Optional.ofNullable(participations.getOrDefault(member, Map.of()).get(room));
    }

    @Override
    public synchronized MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        RoomState state = rooms.get(room);
        Sequenced target = state == null ? null : state.history.get(upTo);
        if (target == null) {
            return new MarkReadResult.NoSuchMessage();
        }
        Optional<Participation> participation = participationOf(reader, room);
        if (participation.isEmpty() || participation.get().readSequence() >= target.sequence()) {
            return new MarkReadResult.Marked(0);
        }
        participations.get(reader).put(room, participation.get().readUpTo(target.sequence()));
        return new MarkReadResult.Marked((int) (target.sequence() - participation.get().readSequence()));
    }

    @Override
    public synchronized List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        return participations.getOrDefault(user, Map.of()).entrySet().stream()
                .map(entry -> new RoomSummary(rooms.get(entry.getKey()).room, entry.getValue().lastMessageId(),
                        entry.getValue().preview(),
                        (int) Math.max(0, entry.getValue().lastSequence() - entry.getValue().readSequence())))
                .filter(summary -> after.isEmpty()
                        || RoomPosition.LIST_ORDER.compare(summary.position(), after.get()) > 0)
                .sorted((a, b) -> RoomPosition.LIST_ORDER.compare(a.position(), b.position()))
                .limit(limit)
                .toList();
    }
}
