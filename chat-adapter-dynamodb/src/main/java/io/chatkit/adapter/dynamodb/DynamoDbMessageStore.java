package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RoomAlreadyExistsException;
import io.chatkit.core.port.out.StoreException;
import io.chatkit.adapter.dynamodb.RoomSequence.Placed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rooms, messages and participations on the seed's keys, without transactions: every rule is a conditional
 * write on one item, and what a request costs depends on what it does, not on how much the room holds
 * (see docs/dynamodb-design.md for the items, the rules and the request budget).
 *
 * <p>Each message has a place in its room ({@code seq}: 1, 2, 3, …), taken from LASTMESSAGE. Each member's
 * participation holds the newest place their list position reached and their read position; the unread count
 * is the difference, and {@code readBy} is derived from the read positions: no write per message read.
 */
public final class DynamoDbMessageStore implements MessageStore {
    /** How long a retry waits for the first attempt to write the message it reserved, before writing it itself. */
    private static final Duration[] FIRST_ATTEMPT_WAITS = {
            Duration.ZERO, Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)};
    /** How long a reservation answers retries; DynamoDB's TTL deletes it afterwards. */
    static final Duration RESERVATION_TTL = Duration.ofHours(24);

    private final Table table;
    private final RoomSequence sequence;
    private final Participations participations;
    private final Clock clock;

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this(dynamoDb, tableName, executor, Clock.systemUTC());
    }

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String tableName, Executor executor, Clock clock) {
        this.table = new Table(dynamoDb, tableName, executor);
        this.sequence = new RoomSequence(table);
        this.participations = new Participations(table);
        this.clock = clock;
    }

    @Override
    public void createRoom(Room room, Message firstMessage) {
        boolean claimed = table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(Items.room(room))
                .conditionExpression("attribute_not_exists(PK)")));
        // A retried request whose first attempt did write (the answer was lost) finds its own room: go on.
        if (!claimed && !findRoom(room.id()).filter(room::equals).isPresent()) {
            throw new RoomAlreadyExistsException(room.id());
        }
        List<WriteRequest> writes = new ArrayList<>();
        writes.add(put(Items.message(firstMessage, 1)));
        writes.add(put(Items.lastMessage(firstMessage, 1)));
        room.members().forEach(member -> writes.add(put(Items.participation(room, member, firstMessage))));
        table.batchWrite(writes);
    }

    /**
     * Claims the pair with a conditional put of {@code DIRECTROOM#{a}#{b}} naming the room, then creates it. A claim
     * that names a room which never appears (its creator died in between) is taken over after a short wait.
     */
    @Override
    public DirectRoom createDirectRoom(Room room, Message firstMessage) {
        List<UserId> pair = List.copyOf(room.members());
        String claim = Keys.directRoom(pair.get(0), pair.get(1));
        boolean claimed = table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Table.item(Keys.PK, s(claim), Keys.SK, s(Keys.METADATA), Items.ROOM_ID, s(room.id().value())))
                .conditionExpression("attribute_not_exists(PK)")));
        String claimedFor = claimed ? room.id().value()
                : table.getItem(claim, Keys.METADATA).map(item -> item.get(Items.ROOM_ID).s()).orElseThrow(
                        () -> new StoreException("the claim on " + claim + " vanished"));
        if (!claimedFor.equals(room.id().value())) {
            for (Duration wait : FIRST_ATTEMPT_WAITS) {
                Table.sleep(wait);
                Optional<Room> existing = findRoom(RoomId.of(claimedFor));
                if (existing.isPresent()) {
                    return new DirectRoom.Existing(existing.get());
                }
            }
            boolean takenOver = table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                    .key(Keys.key(claim, Keys.METADATA))
                    .updateExpression("SET roomId = :room").conditionExpression("roomId = :stale")
                    .expressionAttributeValues(Map.of(":room", s(room.id().value()), ":stale", s(claimedFor)))));
            if (!takenOver) {
                return createDirectRoom(room, firstMessage);
            }
        }
        createRoom(room, firstMessage);
        return new DirectRoom.Created(room);
    }

    /**
     * The added members' participations first (each only if missing), then the members themselves, in one
     * conditional {@code ADD} to the METADATA string set: concurrent additions and departures never overwrite one
     * another, and a participation without membership is invisible (list rooms shows rooms one is a member of).
     * When the room turns out full, the participations just written are taken back.
     */
    @Override
    public Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers) {
        Set<UserId> joining = new HashSet<>(added);
        joining.removeAll(room.members());
        if (joining.isEmpty()) {
            return findRoom(room.id()).filter(found -> found.hasMember(by));
        }
        Map<String, AttributeValue> last = table.getItem(Keys.room(room.id()), Keys.LASTMESSAGE)
                .orElseThrow(() -> new StoreException("room " + room.id() + " has no LASTMESSAGE"));
        List<UserId> created = table.concurrently(List.copyOf(joining), member -> table.conditionally(() ->
                table.client.putItem(b -> b.tableName(table.name)
                        .item(Items.participationFrom(room.id(), member, last))
                        .conditionExpression("attribute_not_exists(PK)"))) ? member : null)
                .stream().filter(Objects::nonNull).toList();
        int most = Math.min(maxMembers, room.type().maxMembers());
        Optional<Room> after = table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room.id()), Keys.METADATA))
                        .updateExpression("ADD members :joining")
                        .conditionExpression("contains(members, :by) AND size(members) <= :room")
                        .expressionAttributeValues(Map.of(":joining", Items.users(joining),
                                ":by", s(by.value()), ":room", n(most - joining.size())))
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
        if (after.isEmpty()) {
            table.concurrently(created, member -> table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                    .tableName(table.name).key(Keys.key(Keys.user(member), Keys.room(room.id()))))));
        }
        return after;
    }

    /**
     * The leaver's participation first (the room leaves their list at once), then the conditional {@code DELETE}
     * from the METADATA string set, then a direct room's pair claim, so that the pair may start a new one.
     */
    @Override
    public Optional<Room> removeMember(Room room, UserId leaver) {
        table.call("DeleteItem", () -> table.client.deleteItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(leaver), Keys.room(room.id())))));
        Optional<Room> after = table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room.id()), Keys.METADATA))
                        .updateExpression("DELETE members :leaver")
                        .conditionExpression("contains(members, :member)")
                        .expressionAttributeValues(Map.of(":leaver", Items.users(List.of(leaver)),
                                ":member", s(leaver.value())))
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
        if (after.isPresent() && room.type() == RoomType.DIRECT && room.members().size() == 2) {
            List<UserId> pair = List.copyOf(room.members());
            table.conditionally(() -> table.client.deleteItem(b -> b.tableName(table.name)
                    .key(Keys.key(Keys.directRoom(pair.get(0), pair.get(1)), Keys.METADATA))
                    .conditionExpression("roomId = :room")
                    .expressionAttributeValues(Map.of(":room", s(room.id().value())))));
        }
        return after;
    }

    @Override
    public Optional<Room> findRoom(RoomId id) {
        return table.getItem(Keys.room(id), Keys.METADATA).map(Items::room);
    }

    /** With a client message id: METADATA and the reservation in one BatchGetItem; else one GetItem. */
    @Override
    public SendTarget sendTarget(RoomId room, Optional<ClientMessageId> clientMessageId) {
        if (clientMessageId.isEmpty()) {
            return new SendTarget(findRoom(room), Optional.empty());
        }
        List<Map<String, AttributeValue>> items = table.batchGet(List.of(
                Keys.key(Keys.room(room), Keys.METADATA), Keys.key(Keys.room(room), Keys.send(clientMessageId.get()))));
        Optional<Room> found = items.stream().filter(item -> item.get(Keys.SK).s().equals(Keys.METADATA))
                .findFirst().map(Items::room);
        Optional<EarlierSend> earlier = items.stream().filter(item -> !item.get(Keys.SK).s().equals(Keys.METADATA))
                .findFirst().map(DynamoDbMessageStore::earlierSend);
        return new SendTarget(found, earlier);
    }

    /**
     * Normally two rounds: the reservation (with a client message id) beside taking the message's place; then the
     * message beside every member's participation. A retry instead finishes what its first attempt began.
     */
    @Override
    public AppendResult append(Room room, Message message, Optional<EarlierSend> earlier,
                               Consumer<Message> whenStored) {
        if (earlier.isPresent() && earlier.get().sender().equals(message.senderId())) {
            return new AppendResult.Duplicate(finishEarlier(room, message, whenStored));
        }
        boolean reserve = message.clientMessageId().isPresent() && earlier.isEmpty();
        CompletableFuture<Boolean> reserved = reserve
                ? table.async(() -> reserve(message)) : CompletableFuture.completedFuture(false);
        Placed placed = sequence.place(message);
        boolean owned = reserve && Table.join(reserved);
        if (reserve && !owned) {
            // The id was claimed already: by this very write (its answer was lost and the SDK retried it), by
            // another attempt of this send running at the same time, or by another sender (then this send is
            // stored without a claim: clients should use random ids).
            Optional<EarlierSend> first = reservation(room.id(), message.clientMessageId().get());
            owned = first.isPresent() && first.get().messageId().equals(message.id());
            if (!owned && first.isPresent() && first.get().sender().equals(message.senderId())) {
                sequence.giveBack(placed);
                return new AppendResult.Duplicate(finishEarlier(room, message, whenStored));
            }
        }
        if (owned && !placed.message().id().equals(message.id())) {
            renameReservation(placed.message());
        }
        store(room, placed, whenStored);
        return new AppendResult.Stored(placed.message());
    }

    /** The message and every member's participation, side by side; the listener hears as soon as the message is in. */
    private void store(Room room, Placed placed, Consumer<Message> whenStored) {
        CompletableFuture<Boolean> stored = table.async(() -> table.conditionally(() -> table.client.putItem(b -> b
                .tableName(table.name).item(Items.message(placed.message(), placed.seq()))
                .conditionExpression("attribute_not_exists(PK)"))));
        CompletableFuture<Void> told = stored.thenAccept(ignored -> whenStored.accept(placed.message()));
        participations.moveForward(room, placed.message(), placed.seq());
        Table.join(told);
    }

    /** Claims the client message id in this room; false if an attempt claimed it first. */
    private boolean reserve(Message message) {
        Map<String, AttributeValue> reservation = Table.item(
                Keys.PK, s(Keys.room(message.roomId())), Keys.SK, s(Keys.send(message.clientMessageId().orElseThrow())),
                Items.SENDER_ID, s(message.senderId().value()),
                Items.MESSAGE_ID, s(message.id().value()),
                Keys.TTL, n(clock.instant().plus(RESERVATION_TTL).getEpochSecond()));
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(reservation)
                .conditionExpression("attribute_not_exists(PK)")));
    }

    /** The message got a later id than it reserved with (its clock was behind): the reservation follows. */
    private void renameReservation(Message message) {
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.room(message.roomId()), Keys.send(message.clientMessageId().orElseThrow())))
                .updateExpression("SET messageId = :id")
                .expressionAttributeValues(Map.of(":id", s(message.id().value())))));
    }

    private Optional<EarlierSend> reservation(RoomId room, ClientMessageId clientMessageId) {
        return table.getItem(Keys.room(room), Keys.send(clientMessageId)).map(DynamoDbMessageStore::earlierSend);
    }

    private static EarlierSend earlierSend(Map<String, AttributeValue> reservation) {
        return new EarlierSend(UserId.of(reservation.get(Items.SENDER_ID).s()),
                MessageId.of(reservation.get(Items.MESSAGE_ID).s()));
    }

    /**
     * The message a retried send refers to, with the first attempt's work finished: the participations are moved
     * again (a repeat changes nothing). If the message is not there after a short wait, the first attempt died
     * between its reservation and its message, and this one stores it: at the place the first attempt took if no
     * message was placed after it, else at a new place.
     */
    private Message finishEarlier(Room room, Message retry, Consumer<Message> whenStored) {
        ClientMessageId clientMessageId = retry.clientMessageId().orElseThrow();
        for (Duration wait : FIRST_ATTEMPT_WAITS) {
            Table.sleep(wait);
            EarlierSend first = reservation(room.id(), clientMessageId)
                    .orElseThrow(() -> new StoreException("reservation " + clientMessageId + " vanished"));
            Optional<Map<String, AttributeValue>> stored = table.getItem(Keys.room(room.id()),
                    Keys.message(first.messageId()));
            if (stored.isPresent()) {
                long seq = Items.seq(stored.get(), Items.SEQ);
                Message message = Items.message(stored.get(), List.of());
                whenStored.accept(message);
                participations.moveForward(room, message, seq);
                return message;
            }
        }
        EarlierSend first = reservation(room.id(), clientMessageId).orElseThrow();
        Message message = retry.withId(first.messageId());
        Placed placed = sequence.stillNewest(message).orElseGet(() -> sequence.place(message));
        if (!placed.message().id().equals(first.messageId())) {
            renameReservation(placed.message());
        }
        store(room, placed, whenStored);
        return placed.message();
    }

    /** Reads the room's METADATA first (its members' read positions give {@code readBy}). */
    @Override
    public List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit) {
        return findRoom(room).map(found -> messagesBefore(found, before, limit)).orElse(List.of());
    }

    @Override
    public List<Message> messagesAfter(RoomId room, MessageId after, int limit) {
        return findRoom(room).map(found -> messagesAfter(found, after, limit)).orElse(List.of());
    }

    @Override
    public List<Message> messagesBefore(Room room, Optional<MessageId> before, int limit) {
        return queryMessages(room, before, false, limit);
    }

    @Override
    public List<Message> messagesAfter(Room room, MessageId after, int limit) {
        return queryMessages(room, Optional.of(after), true, limit);
    }

    /** One page of messages beside the members' read positions for {@code readBy}: one round. */
    private List<Message> queryMessages(Room room, Optional<MessageId> from, boolean forward, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.room(room.id())), ":prefix", s(Keys.MESSAGE_PREFIX)))
                .scanIndexForward(forward)
                .consistentRead(true);
        from.ifPresent(id -> query.exclusiveStartKey(Keys.key(Keys.room(room.id()), Keys.message(id))));
        CompletableFuture<Map<UserId, Long>> positions = table.async(() -> participations.readPositions(room));
        List<Map<String, AttributeValue>> items = table.queryUpTo(query, limit);
        Map<UserId, Long> readPositions = Table.join(positions);
        return items.stream().map(item -> {
            long seq = Items.seq(item, Items.SEQ);
            List<UserId> readers = readPositions.entrySet().stream().filter(e -> e.getValue() >= seq)
                    .map(Map.Entry::getKey).toList();
            return Items.message(item, readers);
        }).toList();
    }

    /** The message's place (one GetItem), then one conditional write of the reader's position. */
    @Override
    public MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        Optional<Map<String, AttributeValue>> target = table.call("GetItem", () -> Optional.ofNullable(
                table.client.getItem(b -> b.tableName(table.name).key(Keys.key(Keys.room(room), Keys.message(upTo)))
                        .projectionExpression(Items.SEQ).consistentRead(true)).item()).filter(item -> !item.isEmpty()));
        if (target.isEmpty()) {
            return new MarkReadResult.NoSuchMessage();
        }
        long moved = participations.readUpTo(room, reader, Items.seq(target.get(), Items.SEQ), readAt).orElse(0);
        return new MarkReadResult.Marked((int) Math.min(Integer.MAX_VALUE, moved));
    }

    /** One Query on GSI1 for the participations, then one BatchGetItem for the rooms' METADATA. */
    @Override
    public List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.userRooms(user))))
                .scanIndexForward(false);
        after.ifPresent(position -> query.exclusiveStartKey(Map.of(
                Keys.GSI1PK, s(Keys.userRooms(user)), Keys.GSI1SK, s(position.lastMessageId().value()),
                Keys.PK, s(Keys.user(user)), Keys.SK, s(Keys.room(position.roomId())))));
        List<Map<String, AttributeValue>> page = table.queryUpTo(query, limit);
        if (page.isEmpty()) {
            return List.of();
        }
        Map<String, Room> rooms = new HashMap<>();
        table.batchGet(page.stream().map(p -> Keys.key(p.get(Keys.SK).s(), Keys.METADATA)).toList(), false, null)
                .forEach(item -> rooms.put(item.get(Keys.PK).s(), Items.room(item)));
        // a participation left behind by a failed addMembers is no membership: only the room's members see it
        return page.stream().filter(p -> rooms.containsKey(p.get(Keys.SK).s())
                        && rooms.get(p.get(Keys.SK).s()).hasMember(user))
                .map(p -> Items.summary(p, rooms.get(p.get(Keys.SK).s()))).toList();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
