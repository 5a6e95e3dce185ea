package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.DirectRoomClaims;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** A pair's claim is the item {@code DIRECTROOM#{a}#{b}/METADATA} ({@code a} &lt; {@code b}) naming their room. */
final class DynamoDbDirectRoomClaims implements DirectRoomClaims {
    private final TableClient table;

    DynamoDbDirectRoomClaims(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<RoomId> find(Pair pair) {
        return table.getItem(partition(pair), Keys.METADATA).map(item -> RoomId.of(item.get(Items.ROOM_ID).s()));
    }

    @Override
    public boolean claim(Pair pair, RoomId room, Optional<RoomId> expected) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table.name)
                .item(TableClient.item(Keys.PK, s(partition(pair)), Keys.SK, s(Keys.METADATA),
                        Items.ROOM_ID, s(room.value())));
        if (expected.isEmpty()) {
            put.conditionExpression("attribute_not_exists(PK)");
        } else {
            put.conditionExpression("roomId = :stale").expressionAttributeValues(Map.of(":stale",
                    s(expected.get().value())));
        }
        return table.conditionally(() -> table.client.putItem(put.build()));
    }

    @Override
    public void release(Pair pair, RoomId room) {
        table.conditionally(() -> table.client.deleteItem(b -> b.tableName(table.name).key(key(pair))
                .conditionExpression("roomId = :room")
                .expressionAttributeValues(Map.of(":room", s(room.value())))));
    }

    private static String partition(Pair pair) {
        return Keys.directRoom(pair.first(), pair.second());
    }

    private static Map<String, AttributeValue> key(Pair pair) {
        return Keys.key(partition(pair), Keys.METADATA);
    }
}
