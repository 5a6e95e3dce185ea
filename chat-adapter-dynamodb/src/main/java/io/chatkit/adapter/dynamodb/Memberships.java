package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ReadPositions;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The members' membership items ({@code USER#{userId}/CHATROOM#{roomId}}: the member's read position) and each
 * user's room count ({@code USER#{userId}/ROOMCOUNT}), which bounds how many rooms a user belongs to. No write
 * here happens per message sent: only joining, leaving and reading move them.
 */
final class Memberships implements ReadPositions {
    /** What {@link #join} did. */
    enum Joined { JOINED, ALREADY_JOINED, TOO_MANY_ROOMS }

    private final Table table;

    Memberships(Table table) {
        this.table = table;
    }

    /**
     * Puts the member in the room with their read position at {@code readSeq}, and counts the room, unless they
     * belong to {@code maxRooms} already. A membership that is there already is left as it is and not counted
     * again, so repeating a join changes nothing.
     */
    Joined join(RoomId room, UserId member, long readSeq, int maxRooms) {
        boolean created = table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Items.membership(room, member, readSeq)).conditionExpression("attribute_not_exists(PK)")));
        if (!created) {
            return Joined.ALREADY_JOINED;
        }
        boolean counted = table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(member), Keys.ROOMCOUNT))
                .updateExpression("ADD roomCount :one")
                .conditionExpression("attribute_not_exists(roomCount) OR roomCount < :max")
                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(maxRooms)))));
        if (counted) {
            return Joined.JOINED;
        }
        table.call("DeleteItem", () -> table.client.deleteItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(member), Keys.room(room)))));
        return Joined.TOO_MANY_ROOMS;
    }

    /** Takes the member out of the room and the room off their count; false if they were not in it. */
    boolean leave(RoomId room, UserId member) {
        boolean left = remove(room, member);
        if (left) {
            uncount(member);
        }
        return left;
    }

    /** Deletes the membership; false if there was none. The room stays on the member's count: see {@link #uncount}. */
    boolean remove(RoomId room, UserId member) {
        Map<String, AttributeValue> old = table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.user(member), Keys.room(room)))
                .returnValues(ReturnValue.ALL_OLD)).attributes());
        return old != null && !old.isEmpty();
    }

    /** Takes one room off the member's count, after {@link #remove} deleted a membership of theirs. */
    void uncount(UserId member) {
        table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(member), Keys.ROOMCOUNT))
                .updateExpression("ADD roomCount :minusOne")
                .conditionExpression("roomCount > :zero")
                .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0)))));
    }

    /** One conditional UpdateItem of the membership. */
    @Override
    public OptionalLong moveUpTo(RoomId room, UserId reader, long seq, Instant at) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.user(reader), Keys.room(room)))
                        .updateExpression("SET readSeq = :seq, lastReadAt = :at")
                        .conditionExpression("attribute_exists(PK) AND readSeq < :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq), ":at", n(at.toEpochMilli())))
                        .returnValues(ReturnValue.UPDATED_OLD)).attributes())
                .map(old -> OptionalLong.of(seq - Items.seq(old, Items.READ_SEQ)))
                .orElse(OptionalLong.empty());
    }

    /** One BatchGetItem per 100 members, side by side, strongly consistent. */
    @Override
    public Map<UserId, Long> ofMembers(RoomId room, Collection<UserId> members) {
        List<Map<String, AttributeValue>> keys = members.stream()
                .map(member -> Keys.key(Keys.user(member), Keys.room(room))).toList();
        Map<UserId, Long> positions = new HashMap<>();
        table.batchGet(keys, true, "PK, readSeq").forEach(item -> positions.put(
                UserId.of(item.get(Keys.PK).s().substring(Keys.USER_PREFIX.length())), Items.seq(item, Items.READ_SEQ)));
        return positions;
    }

    /** One Query (a user's memberships fit in one page of 1 MB up to ~10,000 rooms), strongly consistent. */
    @Override
    public Map<RoomId, Long> ofUser(UserId user) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.user(user)), ":prefix", s(Keys.ROOM_PREFIX)))
                .projectionExpression("SK, readSeq")
                .consistentRead(true);
        Map<RoomId, Long> rooms = new HashMap<>();
        table.queryUpTo(query, Integer.MAX_VALUE).forEach(item -> rooms.put(
                RoomId.of(item.get(Keys.SK).s().substring(Keys.ROOM_PREFIX.length())), Items.seq(item, Items.READ_SEQ)));
        return rooms;
    }
}
