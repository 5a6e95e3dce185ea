package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Rooms;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A room's facts are its {@code CHATROOM#{roomId}/METADATA} item; its members a string set there, changed by
 * {@code ADD} and {@code DELETE} so that concurrent changes never overwrite one another, and the latest change of
 * members a map beside them, written by the same update.
 */
final class DynamoDbRooms implements Rooms {

    private final TableClient table;

    DynamoDbRooms(TableClient table) {
        this.table = table;
    }

    @Override
    public boolean create(Room room) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(Items.room(room))
                .conditionExpression("attribute_not_exists(PK)")));
    }

    @Override
    public Optional<Room> find(RoomId id) {
        return table.getItem(Keys.room(id), Keys.METADATA).map(Items::room);
    }

    /** One BatchGetItem per 100 rooms, side by side, eventually consistent (half the read units). */
    @Override
    public List<Room> findAll(Collection<RoomId> ids) {
        return table.batchGet(ids.stream().map(DynamoDbRooms::key).toList(), false, null).stream()
                .map(Items::room).toList();
    }

    @Override
    public Optional<Room> addMembers(RoomId room, UserId by, Set<UserId> joining, int maxMembers,
                                     RoomChange change, Set<Mute> mutes) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":joining", Items.users(joining),
                ":by", s(by.value()), ":room", n(maxMembers - joining.size()), ":change", Items.change(change)));
        if (!mutes.isEmpty()) {
            values.put(":mutes", Items.mutes(mutes));
        }
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(room))
                        .updateExpression("ADD members :joining" + (mutes.isEmpty() ? "" : ", muted :mutes")
                                + " SET latestChange = :change")
                        .conditionExpression("contains(members, :by) AND size(members) <= :room")
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
    }

    @Override
    public Optional<Room> removeMember(RoomId room, UserId leaver, RoomChange change, Set<Mute> unmuted) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":leaver", Items.users(List.of(leaver)),
                ":member", s(leaver.value()), ":change", Items.change(change)));
        if (!unmuted.isEmpty()) {
            values.put(":unmuted", Items.mutes(unmuted));
        }
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(room))
                        .updateExpression("DELETE members :leaver" + (unmuted.isEmpty() ? "" : ", muted :unmuted")
                                + " SET latestChange = :change")
                        .conditionExpression("contains(members, :member)")
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .map(Items::room);
    }

    @Override
    public void mute(RoomId room, Set<Mute> mutes) {
        changeMutes(room, "ADD", mutes);
    }

    @Override
    public void unmute(RoomId room, Set<Mute> mutes) {
        changeMutes(room, "DELETE", mutes);
    }

    /** One {@code ADD} or {@code DELETE} on the room's mutes, unless the room is gone. */
    private void changeMutes(RoomId room, String action, Set<Mute> mutes) {
        table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(room))
                .updateExpression(action + " muted :mutes").conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":mutes", Items.mutes(mutes)))));
    }

    @Override
    public void delete(RoomId room) {
        table.call("DeleteItem", () -> table.client.deleteItem(b -> b.tableName(table.name).key(key(room))));
    }

    private static Map<String, AttributeValue> key(RoomId room) {
        return Keys.key(Keys.room(room), Keys.METADATA);
    }
}
