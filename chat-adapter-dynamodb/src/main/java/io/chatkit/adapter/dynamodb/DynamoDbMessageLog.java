package io.chatkit.adapter.dynamodb;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.MessageLog;
import java.util.List;
import java.util.Optional;

/** Messages as items of their room ({@code CHATROOM#{roomId}/MESSAGE#{timestamp}#{suffix}}), each with its place. */
final class DynamoDbMessageLog implements MessageLog {
    private final Table table;

    DynamoDbMessageLog(Table table) {
        this.table = table;
    }

    @Override
    public boolean add(Message message, long seq) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Items.message(message, seq)).conditionExpression("attribute_not_exists(PK)")));
    }

    @Override
    public Optional<PlacedMessage> find(RoomId room, MessageId id) {
        return table.getItem(Keys.room(room), Keys.message(id))
                .map(item -> new PlacedMessage(Items.message(item, List.of()), Items.seq(item, Items.SEQ)));
    }
}
