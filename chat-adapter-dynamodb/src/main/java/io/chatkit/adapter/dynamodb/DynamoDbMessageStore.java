package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.RoomAlreadyExistsException;
import io.chatkit.core.port.out.StoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Rooms, messages and participations on the seed's keys, without transactions: every rule is a
 * conditional write on one item (see docs/dynamodb-design.md).
 *
 * <p>Requests: send in a room of N members = 1 reservation (only with a client message id) + 1 message
 * + 1 LASTMESSAGE + N participations, all but the reservation issued at once; a page of rooms = 1 query;
 * mark read of k unread messages = 1 query + k updates at once + 1 participation update.
 *
 * <p>Every write is safe to retry after an answer was lost (the SDK retries 500s and throttling): sets
 * and conditional puts absorb a repeat, and counters are guarded so that a repeat is not counted twice.
 */
public final class DynamoDbMessageStore implements MessageStore {
        private static final Duration[] DUPLICATE_WAITS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400)};

    private final Table table;
    private final ReadState readState;

    public DynamoDbMessageStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new Table(dynamoDb, tableName, executor);
        this.readState = new ReadState(table);
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
        writes.add(put(Items.message(firstMessage)));
        writes.add(put(Items.lastMessage(firstMessage)));
        room.members().forEach(member -> writes.add(put(Items.participation(room, member, firstMessage))));
        table.batchWrite(writes);
    }

    @Override
    public Optional<Room> findRoom(RoomId id) {
        return table.getItem(Keys.room(id), Keys.METADATA).map(Items::room);
    }

    @Override
    public AppendResult append(Room room, Message message) {
        if (message.clientMessageId().isPresent() && !reserve(message)) {
            Message first = reservedMessage(room, message);
            if (!first.id().equals(message.id())) {
                Message stored = firstOf(room, first);
                // The first attempt may have failed half-way through moving the room forward: finish that.
                moveForward(room, stored, Catchup.BEHIND_ONLY);
                return new AppendResult.Duplicate(stored);
            }
            // Our own reservation: an earlier attempt of this request wrote it before its answer was lost.
        }
        CompletableFuture<Boolean> stored = table.async(() -> storeMessage(room, message));
        moveForward(room, message, Catchup.COUNT_LATE);
        Table.join(stored);
        return new AppendResult.Stored(message);
    }

    /** Claims the client message id; false if the sender already used it in this room. */
    private boolean reserve(Message message) {
        Map<String, AttributeValue> reservation = Items.message(message);
        reservation.put(Keys.SK, s(Keys.send(message.senderId(), message.clientMessageId().orElseThrow())));
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(reservation)
                .conditionExpression("attribute_not_exists(PK)")));
    }

    /**
     * The message a repeated send refers to. The reservation holds a copy; the message itself is
     * normally there too. If it is not after a short wait, the first attempt died between the two
     * writes, and this one completes it, so nothing a client was told is stored can be missing.
     */
    private Message reservedMessage(Room room, Message retry) {
        String sendKey = Keys.send(retry.senderId(), retry.clientMessageId().orElseThrow());
        return table.getItem(Keys.room(room.id()), sendKey).map(Items::message)
                .orElseThrow(() -> new StoreException("reservation " + sendKey + " vanished"));
    }

    private Message firstOf(Room room, Message first) {
        for (Duration wait : DUPLICATE_WAITS) {
            Optional<Message> stored = table.getItem(Keys.room(room.id()), Keys.message(first.id())).map(Items::message);
            if (stored.isPresent()) {
                return stored.get();
            }
            Table.sleep(wait);
        }
        if (storeMessage(room, first)) {
            moveForward(room, first, Catchup.COUNT_LATE);
        }
        return table.getItem(Keys.room(room.id()), Keys.message(first.id())).map(Items::message).orElse(first);
    }

    private boolean storeMessage(Room room, Message message) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(Items.message(message))
                .conditionExpression("attribute_not_exists(PK)")));
    }

    /**
     * What a participation that is already past the message gets. A new message arriving late is still
     * unread ({@code COUNT_LATE}); a message whose first attempt is being finished may have been counted
     * already, so only members still behind it are touched ({@code BEHIND_ONLY}).
     */
    private enum Catchup { COUNT_LATE, BEHIND_ONLY }

    /** LASTMESSAGE and every member's list position, all at once; each only ever moves forward. */
    private void moveForward(Room room, Message message, Catchup catchup) {
        CompletableFuture<Boolean> last = table.async(() -> moveLastMessage(message));
        table.concurrently(List.copyOf(room.members()), member -> moveParticipation(room, member, message, catchup));
        Table.join(last);
    }

    private boolean moveLastMessage(Message message) {
        Map<String, AttributeValue> values = Map.of(
                ":id", s(message.id().value()), ":at", n(message.createdAt().toEpochMilli()),
                ":sender", s(message.senderId().value()), ":preview", s(message.content().preview()));
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.room(message.roomId()), Keys.LASTMESSAGE))
                .updateExpression("SET lastMessageId = :id, lastMessageAt = :at, senderId = :sender, preview = :preview")
                .conditionExpression("attribute_not_exists(lastMessageId) OR lastMessageId < :id")
                .expressionAttributeValues(values)));
    }

    private boolean moveParticipation(Room room, UserId member, Message message, Catchup catchup) {
        boolean unread = !message.isReadBy(member);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":id", s(message.id().value()), ":at", n(message.createdAt().toEpochMilli()),
                ":preview", s(message.content().preview())));
        if (unread) {
            values.put(":one", n(1));
        }
        String update = "SET GSI1SK = :id, lastMessageAt = :at, preview = :preview" + (unread ? " ADD unreadCount :one" : "");
        Map<String, AttributeValue> key = Keys.key(Keys.user(member), Keys.room(room.id()));
        boolean moved = table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key)
                .updateExpression(update).conditionExpression("GSI1SK < :id").expressionAttributeValues(values)));
        if (moved || !unread || catchup == Catchup.BEHIND_ONLY) {
            return moved;
        }
        // Either an earlier attempt of this very update did apply (a retry after a lost answer), or an older
        // message arrived late: it does not move the room, but it is still unread, and is counted once.
        String position = table.getItem(Keys.user(member), Keys.room(room.id()))
                .map(item -> item.get(Keys.GSI1SK).s()).orElse("");
        if (!position.equals(message.id().value())) {
            table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key)
                    .updateExpression("ADD unreadCount :one, lateCounted :ids")
                    .conditionExpression("attribute_exists(PK) AND NOT contains(lateCounted, :id)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":id", s(message.id().value()),
                            ":ids", AttributeValue.fromSs(List.of(message.id().value()))))));
        }
        return false;
    }

    @Override
    public List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit) {
        return queryMessages(room, before, false, limit);
    }

    @Override
    public List<Message> messagesAfter(RoomId room, MessageId after, int limit) {
        return queryMessages(room, Optional.of(after), true, limit);
    }

    private List<Message> queryMessages(RoomId room, Optional<MessageId> from, boolean forward, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.room(room)), ":prefix", s(Keys.MESSAGE_PREFIX)))
                .scanIndexForward(forward)
                .consistentRead(true);
        from.ifPresent(id -> query.exclusiveStartKey(Keys.key(Keys.room(room), Keys.message(id))));
        return table.queryUpTo(query, limit).stream().map(Items::message).toList();
    }

    @Override
    public MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        return readState.markRead(room, reader, upTo, readAt);
    }

    @Override
    public List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name).indexName(Keys.GSI1)
                .keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(Keys.userRooms(user))))
                .scanIndexForward(false);
        after.ifPresent(position -> query.exclusiveStartKey(Map.of(
                Keys.GSI1PK, s(Keys.userRooms(user)), Keys.GSI1SK, s(position.lastMessageId().value()),
                Keys.PK, s(Keys.user(user)), Keys.SK, s(Keys.room(position.roomId())))));
        return table.queryUpTo(query, limit).stream().map(Items::summary).toList();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

}
