package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;

import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.RoomCounts;
import java.util.Map;

/** Each user's room count is their {@code USER#{userId}/ROOMCOUNT} item, moved by conditional {@code ADD}s. */
final class DynamoDbRoomCounts implements RoomCounts {
    private final TableClient table;

    DynamoDbRoomCounts(TableClient table) {
        this.table = table;
    }

    @Override
    public boolean countIn(UserId user, int max) {
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(user), Keys.ROOMCOUNT))
                .updateExpression("ADD roomCount :one")
                .conditionExpression("attribute_not_exists(roomCount) OR roomCount < :max")
                .expressionAttributeValues(Map.of(":one", n(1), ":max", n(max)))));
    }

    @Override
    public void countOut(UserId user) {
        table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(user), Keys.ROOMCOUNT))
                .updateExpression("ADD roomCount :minusOne")
                .conditionExpression("roomCount > :zero")
                .expressionAttributeValues(Map.of(":minusOne", n(-1), ":zero", n(0)))));
    }
}
