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
    private final TableClient table;

    DynamoDbAttachmentClaims(TableClient table) {
        this.table = table;
    }

    /** One conditional PutItem: made if absent, or found already this send's. */
    @Override
    public boolean take(RoomId room, AttachmentId id, String sendKey) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Map.of(Keys.PK, s(Keys.room(room)), Keys.SK, s("ATTACHMENT#" + id.value()),
                        "takenBy", s(sendKey)))
                .conditionExpression("attribute_not_exists(PK) OR takenBy = :send")
                .expressionAttributeValues(Map.of(":send", s(sendKey)))));
    }
}
