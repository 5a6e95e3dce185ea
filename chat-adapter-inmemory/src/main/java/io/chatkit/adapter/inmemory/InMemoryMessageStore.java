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
import io.chatkit.core.port.out.TooManyRoomsException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Rooms, messages, memberships and read state in memory, on the same model as the DynamoDB store: each message
 * has a place in its room, each member a read position, and {@code readBy}, unread counts and the order of a
 * user's rooms are derived from the two when read. Thread-safe: one lock, which keeps every rule trivially atomic.
 */
public final class InMemoryMessageStore implements MessageStore {
    /** How many sends with a client message id pass between two sweeps of the expired ones. */
    private static final int SENDS_BETWEEN_SWEEPS = 1_000;

    private final Map<RoomId, RoomState> rooms = new HashMap<>();
    private long idempotentSends;
    /** Each user's rooms and their read position in each. */
    private final Map<UserId, Map<RoomId, Long>> memberships = new HashMap<>();
    private final Map<Set<UserId>, RoomId> directRooms = new HashMap<>();

    private static final class RoomState {
        Room room;
        final NavigableMap<MessageId, Sequenced> history = new TreeMap<>();
        /** Each sender's client message ids in this room: their first send, until it expires. */
        final Map<SenderKey, EarlierSend> sends = new HashMap<>();

        /** The sender's earlier attempt under this id, unless it expired by {@code now}. */
        Optional<EarlierSend> earlier(UserId sender, ClientMessageId id, Instant now) {
            return Optional.ofNullable(sends.get(new SenderKey(sender, id)))
                    .filter(first -> now.isBefore(first.messageId().timestamp().plus(RESERVATION_TTL)));
        }
        long sequence;

        RoomState(Room room) {
            this.room = room;
        }

        Sequenced newest() {
            return history.lastEntry().getValue();
        }
    }

    private record Sequenced(Message message, long sequence) {
    }

    private record SenderKey(UserId sender, ClientMessageId id) {
    }

    @Override
    public synchronized void createRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        if (rooms.containsKey(room.id())) {
            throw new RoomAlreadyExistsException(room.id());
        }
        refuseAnyAtLimit(room.members(), maxRoomsPerUser);
        RoomState state = new RoomState(room);
        rooms.put(room.id(), state);
        state.sequence = 1;
        state.history.put(firstMessage.id(), new Sequenced(firstMessage, 1));
        room.members().forEach(member -> roomsOf(member).put(room.id(), firstMessage.isReadBy(member) ? 1L : 0L));
    }

    private Map<RoomId, Long> roomsOf(UserId user) {
        return memberships.computeIfAbsent(user, u -> new HashMap<>());
    }

    private void refuseAnyAtLimit(Set<UserId> joining, int maxRoomsPerUser) {
        Set<UserId> full = new TreeSet<>();
        joining.stream().filter(user -> memberships.getOrDefault(user, Map.of()).size() >= maxRoomsPerUser)
                .forEach(full::add);
        if (!full.isEmpty()) {
            throw new TooManyRoomsException(full, maxRoomsPerUser);
        }
    }

    @Override
    public synchronized DirectRoom createDirectRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        Set<UserId> pair = Set.copyOf(room.members());
        RoomId existing = directRooms.get(pair);
        if (existing != null && rooms.get(existing).room.members().containsAll(pair)) {
            return new DirectRoom.Existing(rooms.get(existing).room);
        }
        createRoom(room, firstMessage, maxRoomsPerUser);
        directRooms.put(pair, room.id());
        return new DirectRoom.Created(room);
    }

    @Override
    public synchronized Optional<Room> findRoom(RoomId id) {
        return Optional.ofNullable(rooms.get(id)).map(state -> state.room);
    }

    @Override
    public synchronized Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers,
                                                  int maxRoomsPerUser) {
        RoomState state = rooms.get(room.id());
        Set<UserId> members = new HashSet<>(state.room.members());
        members.addAll(added);
        if (!state.room.hasMember(by) || members.size() > Math.min(maxMembers, state.room.type().maxMembers())) {
            return Optional.empty();
        }
        Set<UserId> joining = new HashSet<>(added);
        joining.removeAll(state.room.members());
        refuseAnyAtLimit(joining, maxRoomsPerUser);
        joining.forEach(member -> roomsOf(member).putIfAbsent(room.id(), state.sequence));
        state.room = state.room.withMembers(members);
        return Optional.of(state.room);
    }

    @Override
    public synchronized Optional<Room> removeMember(Room room, UserId leaver) {
        RoomState state = rooms.get(room.id());
        if (state == null || !state.room.hasMember(leaver)) {
            return Optional.empty();
        }
        roomsOf(leaver).remove(room.id());
        directRooms.values().remove(room.id());
        Set<UserId> members = new HashSet<>(state.room.members());
        members.remove(leaver);
        state.room = state.room.withMembers(members);
        return Optional.of(state.room);
    }

    @Override
    public synchronized SendTarget sendTarget(RoomId room, UserId sender, Optional<ClientMessageId> clientMessageId,
                                              Instant now) {
        RoomState state = rooms.get(room);
        if (state == null) {
            return new SendTarget(Optional.empty(), Optional.empty());
        }
        return new SendTarget(Optional.of(state.room), clientMessageId.flatMap(id -> state.earlier(sender, id, now)));
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
        Optional<EarlierSend> first = message.clientMessageId()
                .flatMap(id -> state.earlier(message.senderId(), id, message.createdAt()));
        if (first.isPresent()) {
            return new AppendResult.Duplicate(readersOf(state, state.history.get(first.get().messageId())));
        }
        Message stored = state.history.isEmpty() ? message : message.withId(message.id().notBefore(state.history.lastKey()));
        message.clientMessageId().ifPresent(id -> state.sends.put(new SenderKey(stored.senderId(), id),
                new EarlierSend(stored.senderId(), stored.id(), stored.content().fingerprint())));
        if (message.clientMessageId().isPresent() && ++idempotentSends % SENDS_BETWEEN_SWEEPS == 0) {
            forgetExpiredSends(message.createdAt());
        }
        long sequence = ++state.sequence;
        state.history.put(stored.id(), new Sequenced(stored, sequence));
        // sending reads the room up to one's own message (a sender who left meanwhile has no position to move)
        memberships.getOrDefault(stored.senderId(), Map.of()).computeIfPresent(room.id(),
                (id, read) -> Math.max(read, sequence));
        return new AppendResult.Stored(stored);
    }

    /** Drops the client message ids past {@link #RESERVATION_TTL}, as DynamoDB's TTL deletes their items. */
    private void forgetExpiredSends(Instant now) {
        rooms.values().forEach(state -> state.sends.values()
                .removeIf(first -> !now.isBefore(first.messageId().timestamp().plus(RESERVATION_TTL))));
    }

    /** How many client message ids are held, expired ones not yet swept included (for tests and leak checks). */
    public synchronized int clientMessageIdsHeld() {
        return rooms.values().stream().mapToInt(state -> state.sends.size()).sum();
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
                .filter(member -> readPosition(member, state.room.id()).orElse(-1L) >= sequenced.sequence())
                .toList();
        return sequenced.message().withReaders(readers);
    }

    private Optional<Long> readPosition(UserId member, RoomId room) {
        return Optional.ofNullable(memberships.getOrDefault(member, Map.of()).get(room));
    }

    @Override
    public synchronized MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        RoomState state = rooms.get(room);
        Sequenced target = state == null ? null : state.history.get(upTo);
        if (target == null) {
            return new MarkReadResult.NoSuchMessage();
        }
        Optional<Long> position = readPosition(reader, room);
        if (position.isEmpty() || position.get() >= target.sequence()) {
            return new MarkReadResult.Marked(0);
        }
        memberships.get(reader).put(room, target.sequence());
        return new MarkReadResult.Marked((int) (target.sequence() - position.get()));
    }

    @Override
    public synchronized RoomList roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        List<RoomSummary> following = memberships.getOrDefault(user, Map.of()).entrySet().stream()
                .map(membership -> {
                    RoomState state = rooms.get(membership.getKey());
                    Sequenced newest = state.newest();
                    return new RoomSummary(state.room, newest.message().id(), newest.message().content().preview(),
                            (int) Math.max(0, state.sequence - membership.getValue()));
                })
                .filter(summary -> after.isEmpty()
                        || RoomPosition.LIST_ORDER.compare(summary.position(), after.get()) > 0)
                .sorted((a, b) -> RoomPosition.LIST_ORDER.compare(a.position(), b.position()))
                .toList();
        return new RoomList(following.subList(0, Math.min(limit, following.size())), following.size() > limit);
    }
}
