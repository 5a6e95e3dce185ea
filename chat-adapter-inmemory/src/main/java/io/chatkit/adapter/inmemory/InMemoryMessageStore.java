package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageLog;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.ReadPositions;
import io.chatkit.core.port.out.RoomAlreadyExistsException;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.port.out.SendClaims;
import io.chatkit.core.port.out.TooManyRoomsException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Rooms, messages, memberships and read state in memory, on the same model as the DynamoDB store: each message
 * has a place in its room, each member a read position, and {@code readBy}, unread counts and the order of a
 * user's rooms are derived from the two when read. Thread-safe: one lock, which keeps every rule trivially atomic.
 */
public final class InMemoryMessageStore implements MessageStore {
    /** How many claims of client message ids are made between two sweeps of the expired ones. */
    private static final int CLAIMS_BETWEEN_SWEEPS = 1_000;

    private final Map<RoomId, RoomState> rooms = new HashMap<>();
    private long claimsMade;
    /** Each user's rooms and their read position in each. */
    private final Map<UserId, Map<RoomId, Long>> memberships = new HashMap<>();
    private final Map<Set<UserId>, RoomId> directRooms = new HashMap<>();

    private static final class RoomState {
        Room room;
        final NavigableMap<MessageId, PlacedMessage> history = new TreeMap<>();
        /** Each sender's claims on their client message ids in this room, until swept after they expire. */
        final Map<SendKey, SendClaim> claims = new HashMap<>();
        /** The room's newest message and its place. */
        LastMessage last;

        RoomState(Room room) {
            this.room = room;
        }
    }

    private final LastMessages lastMessages = new InMemoryLastMessages();
    private final MessageLog log = new InMemoryMessageLog();
    private final ReadPositions readPositions = new InMemoryReadPositions();
    private final SendClaims sendClaims = new InMemorySendClaims();

    @Override
    public LastMessages lastMessages() {
        return lastMessages;
    }

    @Override
    public MessageLog log() {
        return log;
    }

    @Override
    public ReadPositions readPositions() {
        return readPositions;
    }

    @Override
    public SendClaims sendClaims() {
        return sendClaims;
    }

    @Override
    public synchronized void createRoom(Room room, Message firstMessage, int maxRoomsPerUser) {
        if (rooms.containsKey(room.id())) {
            throw new RoomAlreadyExistsException(room.id());
        }
        refuseAnyAtLimit(room.members(), maxRoomsPerUser);
        RoomState state = new RoomState(room);
        rooms.put(room.id(), state);
        state.last = LastMessage.of(firstMessage, 1);
        state.history.put(firstMessage.id(), new PlacedMessage(firstMessage, 1));
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
    public synchronized List<Room> findRooms(Collection<RoomId> ids) {
        return ids.stream().map(rooms::get).filter(Objects::nonNull).map(state -> state.room).toList();
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
        joining.forEach(member -> roomsOf(member).putIfAbsent(room.id(), state.last.seq()));
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

    /** How many client message ids are held, expired ones not yet swept included (for tests and leak checks). */
    public synchronized int clientMessageIdsHeld() {
        return rooms.values().stream().mapToInt(state -> state.claims.size()).sum();
    }

    /** Drops the claims past their expiry, as DynamoDB's TTL deletes their items. */
    private void forgetExpiredClaims(Instant now) {
        rooms.values().forEach(state -> state.claims.values().removeIf(claim -> !claim.isLiveAt(now)));
    }

    private RoomState state(RoomId room) {
        RoomState state = rooms.get(room);
        if (state == null) {
            throw new IllegalArgumentException("no room " + room);
        }
        return state;
    }

    private final class InMemoryLastMessages implements LastMessages {
        @Override
        public Optional<Placement> placeAfterNewest(Message message) {
            synchronized (InMemoryMessageStore.this) {
                RoomState state = state(message.roomId());
                Optional<LastMessage> before = Optional.ofNullable(state.last);
                if (before.isPresent() && before.get().id().compareTo(message.id()) >= 0) {
                    return Optional.empty();
                }
                long seq = before.map(LastMessage::seq).orElse(0L) + 1;
                state.last = LastMessage.of(message, seq);
                return Optional.of(new Placement(seq, before));
            }
        }

        @Override
        public Optional<LastMessage> newest(RoomId room) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(rooms.get(room)).map(state -> state.last);
            }
        }

        @Override
        public List<LastMessage> newestOf(Collection<RoomId> ids) {
            synchronized (InMemoryMessageStore.this) {
                return ids.stream().map(rooms::get).filter(state -> state != null && state.last != null)
                        .map(state -> state.last).toList();
            }
        }

        @Override
        public boolean putBack(LastMessage previous, long placed) {
            synchronized (InMemoryMessageStore.this) {
                RoomState state = state(previous.room());
                if (state.last == null || state.last.seq() != placed) {
                    return false;
                }
                state.last = previous;
                return true;
            }
        }
    }

    private final class InMemoryMessageLog implements MessageLog {
        @Override
        public boolean add(Message message, long seq) {
            synchronized (InMemoryMessageStore.this) {
                return state(message.roomId()).history.putIfAbsent(message.id(), new PlacedMessage(message, seq))
                        == null;
            }
        }

        @Override
        public OptionalLong placeOf(RoomId room, MessageId id) {
            return find(room, id).map(placed -> OptionalLong.of(placed.seq())).orElse(OptionalLong.empty());
        }

        @Override
        public List<PlacedMessage> before(RoomId room, Optional<MessageId> before, int limit) {
            synchronized (InMemoryMessageStore.this) {
                RoomState state = rooms.get(room);
                if (state == null) {
                    return List.of();
                }
                NavigableMap<MessageId, PlacedMessage> newestFirst = state.history.descendingMap();
                return before.map(id -> newestFirst.tailMap(id, false)).orElse(newestFirst).values().stream()
                        .limit(limit).toList();
            }
        }

        @Override
        public List<PlacedMessage> after(RoomId room, MessageId after, int limit) {
            synchronized (InMemoryMessageStore.this) {
                RoomState state = rooms.get(room);
                return state == null ? List.of()
                        : state.history.tailMap(after, false).values().stream().limit(limit).toList();
            }
        }

        @Override
        public Optional<PlacedMessage> find(RoomId room, MessageId id) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(rooms.get(room)).map(state -> state.history.get(id))
                        .map(placed -> new PlacedMessage(placed.message().withReaders(List.of()), placed.seq()));
            }
        }
    }

    private final class InMemoryReadPositions implements ReadPositions {
        @Override
        public OptionalLong moveUpTo(RoomId room, UserId member, long seq, Instant at) {
            synchronized (InMemoryMessageStore.this) {
                Map<RoomId, Long> positions = memberships.getOrDefault(member, Map.of());
                Long read = positions.get(room);
                if (read == null || read >= seq) {
                    return OptionalLong.empty();
                }
                positions.put(room, seq);
                return OptionalLong.of(seq - read);
            }
        }

        @Override
        public Map<UserId, Long> ofMembers(RoomId room, Collection<UserId> members) {
            synchronized (InMemoryMessageStore.this) {
                Map<UserId, Long> positions = new HashMap<>();
                members.forEach(member -> Optional.ofNullable(memberships.getOrDefault(member, Map.of()).get(room))
                        .ifPresent(position -> positions.put(member, position)));
                return positions;
            }
        }

        @Override
        public Map<RoomId, Long> ofUser(UserId user) {
            synchronized (InMemoryMessageStore.this) {
                return Map.copyOf(memberships.getOrDefault(user, Map.of()));
            }
        }
    }

    private final class InMemorySendClaims implements SendClaims {
        @Override
        public boolean claim(SendClaim claim, Instant now) {
            synchronized (InMemoryMessageStore.this) {
                Map<SendKey, SendClaim> claims = state(claim.key().room()).claims;
                SendClaim there = claims.get(claim.key());
                if (there != null && there.isLiveAt(now)) {
                    return false;
                }
                claims.put(claim.key(), claim);
                if (++claimsMade % CLAIMS_BETWEEN_SWEEPS == 0) {
                    forgetExpiredClaims(now);
                }
                return true;
            }
        }

        @Override
        public Optional<SendClaim> find(SendKey key) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(rooms.get(key.room())).map(state -> state.claims.get(key));
            }
        }

        @Override
        public void moveTo(SendKey key, MessageId messageId) {
            synchronized (InMemoryMessageStore.this) {
                state(key.room()).claims.computeIfPresent(key, (k, claim) ->
                        new SendClaim(k, messageId, claim.contentFingerprint(), claim.expiresAt()));
            }
        }

        @Override
        public RoomAndClaim findRoomAndClaim(RoomId room, Optional<SendKey> key) {
            synchronized (InMemoryMessageStore.this) {
                return new RoomAndClaim(findRoom(room), key.flatMap(this::find));
            }
        }
    }
}
