package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.DirectRoomClaims;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import io.chatkit.core.port.out.Memberships;
import io.chatkit.core.port.out.MessageLog;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RoomCounts;
import io.chatkit.core.port.out.Rooms;
import io.chatkit.core.port.out.SendClaims;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
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

/**
 * Rooms, messages, memberships and read state in memory, on the same model as the DynamoDB store and behind the
 * same role ports: each operation is one step under one lock, with the condition its port states. The rules over
 * them are the core's, so this store holds none.
 */
public final class InMemoryMessageStore implements MessageStore {
    /** How many claims of client message ids are made between two sweeps of the expired ones. */
    private static final int CLAIMS_BETWEEN_SWEEPS = 1_000;

    private final Map<RoomId, Room> facts = new HashMap<>();
    private final Map<RoomId, LastMessage> newest = new HashMap<>();
    private final Map<RoomId, NavigableMap<MessageId, MessageLog.PlacedMessage>> histories = new HashMap<>();
    /** Each user's rooms and their read position in each. */
    private final Map<UserId, Map<RoomId, Long>> memberships = new HashMap<>();
    private final Map<UserId, Integer> roomCounts = new HashMap<>();
    private final Map<DirectRoomClaims.Pair, RoomId> directRooms = new HashMap<>();
    private final Map<SendKey, SendClaim> claims = new HashMap<>();
    private long claimsMade;

    private final Rooms rooms = new InMemoryRooms();
    private final Memberships membershipPort = new InMemoryMemberships();
    private final RoomCounts roomCountPort = new InMemoryRoomCounts();
    private final DirectRoomClaims directRoomClaims = new InMemoryDirectRoomClaims();
    private final LastMessages lastMessages = new InMemoryLastMessages();
    private final MessageLog log = new InMemoryMessageLog();
    private final SendClaims sendClaims = new InMemorySendClaims();

    @Override
    public Rooms rooms() {
        return rooms;
    }

    @Override
    public Memberships memberships() {
        return membershipPort;
    }

    @Override
    public RoomCounts roomCounts() {
        return roomCountPort;
    }

    @Override
    public DirectRoomClaims directRoomClaims() {
        return directRoomClaims;
    }

    @Override
    public LastMessages lastMessages() {
        return lastMessages;
    }

    @Override
    public MessageLog log() {
        return log;
    }

    @Override
    public SendClaims sendClaims() {
        return sendClaims;
    }

    /** How many client message ids are held, expired ones not yet swept included (for tests and leak checks). */
    public synchronized int clientMessageIdsHeld() {
        return claims.size();
    }

    /** Drops the claims past their expiry, as DynamoDB's TTL deletes their items. */
    private void forgetExpiredClaims(Instant now) {
        claims.values().removeIf(claim -> !claim.isLiveAt(now));
    }

    private NavigableMap<MessageId, MessageLog.PlacedMessage> history(RoomId room) {
        return histories.computeIfAbsent(room, id -> new TreeMap<>());
    }

    private final class InMemoryRooms implements Rooms {
        @Override
        public boolean create(Room room) {
            synchronized (InMemoryMessageStore.this) {
                return facts.putIfAbsent(room.id(), room) == null;
            }
        }

        @Override
        public Optional<Room> find(RoomId id) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(facts.get(id));
            }
        }

        @Override
        public List<Room> findAll(Collection<RoomId> ids) {
            synchronized (InMemoryMessageStore.this) {
                return ids.stream().map(facts::get).filter(Objects::nonNull).toList();
            }
        }

        @Override
        public Optional<Room> addMembers(RoomId id, UserId by, Set<UserId> joining, int maxMembers) {
            synchronized (InMemoryMessageStore.this) {
                Room room = facts.get(id);
                if (room == null || !room.hasMember(by) || room.members().size() > maxMembers - joining.size()) {
                    return Optional.empty();
                }
                Set<UserId> members = new HashSet<>(room.members());
                members.addAll(joining);
                facts.put(id, room.withMembers(members));
                return Optional.of(facts.get(id));
            }
        }

        @Override
        public Optional<Room> removeMember(RoomId id, UserId leaver) {
            synchronized (InMemoryMessageStore.this) {
                Room room = facts.get(id);
                if (room == null || !room.hasMember(leaver)) {
                    return Optional.empty();
                }
                Set<UserId> members = new HashSet<>(room.members());
                members.remove(leaver);
                facts.put(id, room.withMembers(members));
                return Optional.of(facts.get(id));
            }
        }

        @Override
        public void delete(RoomId room) {
            synchronized (InMemoryMessageStore.this) {
                facts.remove(room);
            }
        }
    }

    private final class InMemoryMemberships implements Memberships {
        @Override
        public boolean join(RoomId room, UserId member, long readSeq) {
            synchronized (InMemoryMessageStore.this) {
                return memberships.computeIfAbsent(member, user -> new HashMap<>()).putIfAbsent(room, readSeq) == null;
            }
        }

        @Override
        public boolean leave(RoomId room, UserId member) {
            synchronized (InMemoryMessageStore.this) {
                return memberships.getOrDefault(member, new HashMap<>()).remove(room) != null;
            }
        }

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
        public Map<RoomId, Long> ofUser(UserId user) {
            synchronized (InMemoryMessageStore.this) {
                return Map.copyOf(memberships.getOrDefault(user, Map.of()));
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
    }

    private final class InMemoryRoomCounts implements RoomCounts {
        @Override
        public boolean countIn(UserId user, int max) {
            synchronized (InMemoryMessageStore.this) {
                int count = roomCounts.getOrDefault(user, 0);
                if (count >= max) {
                    return false;
                }
                roomCounts.put(user, count + 1);
                return true;
            }
        }

        @Override
        public void countOut(UserId user) {
            synchronized (InMemoryMessageStore.this) {
                roomCounts.computeIfPresent(user, (u, count) -> count > 1 ? count - 1 : null);
            }
        }
    }

    private final class InMemoryDirectRoomClaims implements DirectRoomClaims {
        @Override
        public Optional<RoomId> find(Pair pair) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(directRooms.get(pair));
            }
        }

        @Override
        public boolean claim(Pair pair, RoomId room, Optional<RoomId> expected) {
            synchronized (InMemoryMessageStore.this) {
                if (!Objects.equals(directRooms.get(pair), expected.orElse(null))) {
                    return false;
                }
                directRooms.put(pair, room);
                return true;
            }
        }

        @Override
        public void release(Pair pair, RoomId room) {
            synchronized (InMemoryMessageStore.this) {
                directRooms.remove(pair, room);
            }
        }
    }

    private final class InMemoryLastMessages implements LastMessages {
        @Override
        public Optional<Placement> placeAfterNewest(Message message) {
            synchronized (InMemoryMessageStore.this) {
                Optional<LastMessage> before = Optional.ofNullable(newest.get(message.roomId()));
                if (before.isPresent() && before.get().id().compareTo(message.id()) >= 0) {
                    return Optional.empty();
                }
                long seq = before.map(LastMessage::seq).orElse(0L) + 1;
                newest.put(message.roomId(), LastMessage.of(message, seq));
                return Optional.of(new Placement(seq, before));
            }
        }

        @Override
        public Optional<LastMessage> newest(RoomId room) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(newest.get(room));
            }
        }

        @Override
        public List<LastMessage> newestOf(Collection<RoomId> ids) {
            synchronized (InMemoryMessageStore.this) {
                return ids.stream().map(newest::get).filter(Objects::nonNull).toList();
            }
        }

        @Override
        public boolean putBack(LastMessage previous, long placed) {
            synchronized (InMemoryMessageStore.this) {
                LastMessage last = newest.get(previous.room());
                if (last == null || last.seq() != placed) {
                    return false;
                }
                newest.put(previous.room(), previous);
                return true;
            }
        }
    }

    private final class InMemoryMessageLog implements MessageLog {
        @Override
        public boolean add(Message message, long seq) {
            synchronized (InMemoryMessageStore.this) {
                return history(message.roomId()).putIfAbsent(message.id(), new PlacedMessage(message, seq)) == null;
            }
        }

        @Override
        public void addFirst(Message first) {
            synchronized (InMemoryMessageStore.this) {
                history(first.roomId()).put(first.id(), new PlacedMessage(first, 1));
                newest.put(first.roomId(), LastMessage.of(first, 1));
            }
        }

        @Override
        public void removeFirst(Message first) {
            synchronized (InMemoryMessageStore.this) {
                history(first.roomId()).remove(first.id());
                newest.remove(first.roomId());
            }
        }

        @Override
        public Optional<PlacedMessage> find(RoomId room, MessageId id) {
            synchronized (InMemoryMessageStore.this) {
                return Optional.ofNullable(history(room).get(id))
                        .map(placed -> new PlacedMessage(placed.message().withReaders(List.of()), placed.seq()));
            }
        }

        @Override
        public OptionalLong placeOf(RoomId room, MessageId id) {
            return find(room, id).map(placed -> OptionalLong.of(placed.seq())).orElse(OptionalLong.empty());
        }

        @Override
        public List<PlacedMessage> before(RoomId room, Optional<MessageId> before, int limit) {
            synchronized (InMemoryMessageStore.this) {
                NavigableMap<MessageId, PlacedMessage> newestFirst = history(room).descendingMap();
                return before.map(id -> newestFirst.tailMap(id, false)).orElse(newestFirst).values().stream()
                        .limit(limit).toList();
            }
        }

        @Override
        public List<PlacedMessage> after(RoomId room, MessageId after, int limit) {
            synchronized (InMemoryMessageStore.this) {
                return history(room).tailMap(after, false).values().stream().limit(limit).toList();
            }
        }
    }

    private final class InMemorySendClaims implements SendClaims {
        @Override
        public boolean claim(SendClaim claim, Instant now) {
            synchronized (InMemoryMessageStore.this) {
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
                return Optional.ofNullable(claims.get(key));
            }
        }

        @Override
        public void moveTo(SendKey key, MessageId messageId) {
            synchronized (InMemoryMessageStore.this) {
                claims.computeIfPresent(key, (k, claim) ->
                        new SendClaim(k, messageId, claim.contentFingerprint(), claim.expiresAt()));
            }
        }

        @Override
        public RoomAndClaim findRoomAndClaim(RoomId room, Optional<SendKey> key) {
            synchronized (InMemoryMessageStore.this) {
                return new RoomAndClaim(Optional.ofNullable(facts.get(room)), key.map(claims::get));
            }
        }
    }
}
