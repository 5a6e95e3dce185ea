package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Memberships;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The members' membership items ({@code USER#{userId}/CHATROOM#{roomId}}: the member's read position). No write
 * here happens per message sent: only joining, leaving and reading move them.
 */
final class DynamoDbMemberships implements Memberships {
    private final TableClient table;

    DynamoDbMemberships(TableClient table) {
        this.table = table;
    }

    @Override
    public boolean join(RoomId room, UserId member, long readSeq) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Items.membership(room, member, readSeq)).conditionExpression("attribute_not_exists(PK)")));
    }

    /** One DeleteItem returning what it deleted. */
    @Override
    public boolean leave(RoomId room, UserId member) {
        Map<String, AttributeValue> old = table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.user(member), Keys.room(room)))
                .returnValues(ReturnValue.ALL_OLD)).attributes());
        return old != null && !old.isEmpty();
    }

    /** One conditional UpdateItem of the membership. */
    @Override
    public OptionalLong moveUpTo(RoomId room, UserId reader, long seq, Instant at) {
        return moveTo(room, reader, seq, at, "<");
    }

    /** One conditional update, as {@link #moveUpTo}: never forward, never for one who is not a member. */
    @Override
    public OptionalLong moveBackTo(RoomId room, UserId reader, long seq, Instant at) {
        return moveTo(room, reader, seq, at, ">");
    }

    /** The read position set to {@code seq} if the member's is {@code from} it ({@code <}: behind, {@code >}: ahead). */
    private OptionalLong moveTo(RoomId room, UserId reader, long seq, Instant at, String from) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.user(reader), Keys.room(room)))
                        .updateExpression("SET readSeq = :seq, lastReadAt = :at")
                        .conditionExpression("attribute_exists(PK) AND readSeq " + from + " :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq), ":at", n(at.toEpochMilli())))
                        .returnValues(ReturnValue.UPDATED_OLD)).attributes())
                .map(old -> OptionalLong.of(Math.abs(seq - Items.seq(old, Items.READ_SEQ))))
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

    /**
     * One conditional {@code ADD} to each member's {@code mentionSeqs} number set, side by side (a repeat adds nothing);
     * a set grown past {@link #MENTIONS_KEPT} loses its lowest places in one more update, only then.
     */
    @Override
    public void mention(RoomId room, Collection<UserId> members, long seq) {
        List<CompletableFuture<Void>> writes = members.stream().map(member -> table.async(() -> {
            table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                            .key(Keys.key(Keys.user(member), Keys.room(room)))
                            .updateExpression("ADD mentionSeqs :seq")
                            .conditionExpression("attribute_exists(PK)")
                            .expressionAttributeValues(Map.of(":seq", AttributeValue.fromNs(List.of(
                                    Long.toString(seq)))))
                            .returnValues(ReturnValue.UPDATED_NEW)).attributes())
                    .ifPresent(updated -> forgetOldestMentions(room, member, updated));
            return (Void) null;
        })).toList();
        writes.forEach(TableClient::join);
    }

    private void forgetOldestMentions(RoomId room, UserId member, Map<String, AttributeValue> updated) {
        TreeSet<Long> places = Items.mentions(updated);
        if (places.size() <= MENTIONS_KEPT) {
            return;
        }
        List<String> oldest = places.stream().limit(places.size() - MENTIONS_KEPT).map(Object::toString).toList();
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(member), Keys.room(room)))
                .updateExpression("DELETE mentionSeqs :oldest")
                .expressionAttributeValues(Map.of(":oldest", AttributeValue.fromNs(oldest)))));
    }

    /** The same Query as {@link #ofUser}, with the mentions. */
    @Override
    public Map<RoomId, Membership> membershipsOf(UserId user) {
        Map<RoomId, Membership> of = new HashMap<>();
        memberships(user, "SK, readSeq, mentionSeqs").forEach(item -> of.put(
                RoomId.of(item.get(Keys.SK).s().substring(Keys.ROOM_PREFIX.length())),
                new Membership(Items.seq(item, Items.READ_SEQ), Items.mentions(item))));
        return of;
    }

    /** One Query (a user's memberships fit in one page of 1 MB up to ~10,000 rooms), strongly consistent. */
    @Override
    public Map<RoomId, Long> ofUser(UserId user) {
        Map<RoomId, Long> rooms = new HashMap<>();
        memberships(user, "SK, readSeq").forEach(item -> rooms.put(
                RoomId.of(item.get(Keys.SK).s().substring(Keys.ROOM_PREFIX.length())), Items.seq(item, Items.READ_SEQ)));
        return rooms;
    }

    private List<Map<String, AttributeValue>> memberships(UserId user, String attributes) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.user(user)), ":prefix", s(Keys.ROOM_PREFIX)))
                .projectionExpression(attributes)
                .consistentRead(true);
        return table.queryUpTo(query, Integer.MAX_VALUE);
    }
}
