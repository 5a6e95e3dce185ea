package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.AttachmentClaims;
import java.util.Map;

/**
 * The send that took a file, at {@code CHATROOM#{id}/ATTACHMENT#{attachmentId}} ({@code takenBy}); no ttl, as the
 * file stays with its message.
 */
final class DynamoDbAttachmentClaims implements AttachmentClaims {
    private static final String PREFIX = "ATTACHMENT#";
    private static final String TAKEN_BY = "takenBy";
    private final TableClient table;

    DynamoDbAttachmentClaims(TableClient table) {
        this.table = table;
    }

    /** One conditional PutItem: made if absent, or found already this send's. */
    @Override
    public boolean take(RoomId room, AttachmentId id, String sendKey) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Map.of(Keys.PK, s(Keys.room(room)), Keys.SK, s(PREFIX + id.value()), TAKEN_BY, s(sendKey)))
                .conditionExpression("attribute_not_exists(PK) OR takenBy = :send")
                .expressionAttributeValues(Map.of(":send", s(sendKey)))));
    }

    /** One conditional DeleteItem: gone only if this send's. */
    @Override
    public void release(RoomId room, AttachmentId id, String sendKey) {
        table.conditionally(() -> table.client.deleteItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.room(room), PREFIX + id.value()))
                .conditionExpression("takenBy = :send")
                .expressionAttributeValues(Map.of(":send", s(sendKey)))));
    }
}
