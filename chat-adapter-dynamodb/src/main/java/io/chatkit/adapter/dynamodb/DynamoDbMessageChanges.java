package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.MessageChanges;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A room's change sequence: the counter {@code CHATROOM#{id}/CHANGES} ({@code seq}, raised by one {@code ADD}), and
 * each change at {@code CHATROOM#{id}/CHANGE#{place}}, the message as the change left it, with a {@code ttl}
 * {@link #RETENTION} after it: DynamoDB deletes it then, for nothing.
 */
final class DynamoDbMessageChanges implements MessageChanges {
    private static final String KIND = "kind";
    private static final String AT = "changedAt";

    private final TableClient table;

    DynamoDbMessageChanges(TableClient table) {
        this.table = table;
    }

    /** One update: {@code ADD seq :one}, answered with the new value. */
    @Override
    public long next(RoomId room) {
        Map<String, AttributeValue> counter = table.call("UpdateItem", () -> table.client.updateItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.room(room), Keys.CHANGES))
                .updateExpression("ADD seq :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.UPDATED_NEW))).attributes();
        return Items.seq(counter, Items.SEQ);
    }

    @Override
    public long current(RoomId room) {
        return table.getItem(Keys.room(room), Keys.CHANGES).map(item -> Items.seq(item, Items.SEQ)).orElse(0L);
    }

    /** One PutItem (a repeat writes the same). */
    @Override
    public void add(MessageChange change) {
        Message message = change.message();
        Map<String, AttributeValue> item = Items.message(message, 0);
        item.put(Keys.SK, s(Keys.change(change.seq())));
        item.put(Items.SEQ, n(change.seq()));
        item.put(KIND, s(change.kind().name().toLowerCase(Locale.ROOT)));
        item.put(AT, n(change.at().toEpochMilli()));
        item.put(Keys.TTL, n(change.at().plus(RETENTION).getEpochSecond()));
        message.editedAt().ifPresent(at -> item.put(Items.EDITED_AT, n(at.toEpochMilli())));
        message.deletedAt().ifPresent(at -> {
            item.remove(Items.CONTENT);
            item.put(Items.DELETED_AT, n(at.toEpochMilli()));
        });
        table.call("PutItem", () -> table.client.putItem(b -> b.tableName(table.name).item(item)));
    }

    @Override
    public Optional<MessageChange> find(RoomId room, long seq) {
        return table.getItem(Keys.room(room), Keys.change(seq)).map(item -> change(room, item));
    }

    /** One Query of the room's CHANGE# items after the place, in order. */
    @Override
    public List<MessageChange> after(RoomId room, long seq, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND SK BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", s(Keys.room(room)), ":from", s(Keys.change(seq + 1)),
                        ":to", s(Keys.change(Long.MAX_VALUE))))
                .consistentRead(true);
        return table.queryUpTo(query, limit).stream().map(item -> change(room, item)).toList();
    }

    private static MessageChange change(RoomId room, Map<String, AttributeValue> item) {
        return new MessageChange(room, Items.seq(item, Items.SEQ),
                MessageChange.Kind.valueOf(item.get(KIND).s().toUpperCase(Locale.ROOT)),
                Items.message(item, List.of()), Instant.ofEpochMilli(Items.seq(item, AT)));
    }
}
