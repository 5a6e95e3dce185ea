package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageLog;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Messages as items of their room ({@code CHATROOM#{roomId}/MESSAGE#{timestamp}#{suffix}}), each with its place. */
final class DynamoDbMessageLog implements MessageLog {
    private final TableClient table;

    DynamoDbMessageLog(TableClient table) {
        this.table = table;
    }

    @Override
    public boolean add(Message message, long seq) {
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name)
                .item(Items.message(message, seq)).conditionExpression("attribute_not_exists(PK)")));
    }

    /** The message and LASTMESSAGE in one BatchWriteItem. */
    @Override
    public void addFirst(Message first) {
        table.batchWrite(List.of(put(Items.message(first, 1)), put(Items.lastMessage(first, 1))));
    }

    /** The message and LASTMESSAGE, side by side. */
    @Override
    public void removeFirst(Message first) {
        table.concurrently(List.of(Keys.LASTMESSAGE, Keys.message(first.id())), sk ->
                table.call("DeleteItem", () -> table.client.deleteItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(first.roomId()), sk)))));
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    /** One BatchGetItem per 100 of the messages, of their keys and deletedAt alone. */
    @Override
    public Set<MessageId> deletedAmong(RoomId room, Collection<MessageId> ids) {
        List<Map<String, AttributeValue>> keys = ids.stream()
                .map(id -> Keys.key(Keys.room(room), Keys.message(id))).toList();
        Set<MessageId> deleted = new HashSet<>();
        table.batchGet(keys, true, "messageId, deletedAt").forEach(item -> {
            if (item.containsKey(Items.DELETED_AT)) {
                deleted.add(MessageId.of(item.get(Items.MESSAGE_ID).s()));
            }
        });
        return deleted;
    }

    /** One GetItem of the place alone. */
    @Override
    public OptionalLong placeOf(RoomId room, MessageId id) {
        return table.call("GetItem", () -> Optional.ofNullable(table.client.getItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room), Keys.message(id))).projectionExpression(Items.SEQ)
                        .consistentRead(true)).item()))
                .filter(item -> !item.isEmpty())
                .map(item -> OptionalLong.of(Items.seq(item, Items.SEQ)))
                .orElse(OptionalLong.empty());
    }

    @Override
    public List<PlacedMessage> before(RoomId room, Optional<MessageId> before, int limit) {
        return query(room, before, false, limit);
    }

    @Override
    public List<PlacedMessage> after(RoomId room, MessageId after, int limit) {
        return query(room, Optional.of(after), true, limit);
    }

    /** One Query of the room's MESSAGE# items from {@code from} on, in either direction. */
    private List<PlacedMessage> query(RoomId room, Optional<MessageId> from, boolean forward, int limit) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(Keys.room(room)), ":prefix", s(Keys.MESSAGE_PREFIX)))
                .scanIndexForward(forward)
                .consistentRead(true);
        from.ifPresent(id -> query.exclusiveStartKey(Keys.key(Keys.room(room), Keys.message(id))));
        return table.queryUpTo(query, limit).stream()
                .map(DynamoDbMessageLog::placed)
                .toList();
    }

    @Override
    public Optional<PlacedMessage> find(RoomId room, MessageId id) {
        return table.getItem(Keys.room(room), Keys.message(id)).map(DynamoDbMessageLog::placed);
    }

    private static PlacedMessage placed(Map<String, AttributeValue> item) {
        return new PlacedMessage(Items.message(item, List.of()), Items.seq(item, Items.SEQ),
                Items.seq(item, Items.CHANGE_SEQ));
    }

    /** One conditional update: the new text and its time, if its sender's, not deleted, other text, nothing later. */
    @Override
    public boolean edit(Message edited, long changeSeq) {
        return change(edited, changeSeq, "SET content = :content, editedAt = :at, changeSeq = :seq",
                " AND content <> :content", Map.of(":content", s(edited.content().text()),
                        ":at", n(edited.editedAt().orElseThrow().toEpochMilli())));
    }

    /** One conditional update: the text removed and the time kept, if its sender's, not deleted, nothing later. */
    @Override
    public boolean erase(Message erased, long changeSeq) {
        return change(erased, changeSeq, "REMOVE content, attachments SET deletedAt = :at, changeSeq = :seq", "",
                Map.of(":at", n(erased.deletedAt().orElseThrow().toEpochMilli())));
    }

    /**
     * One conditional update of the message's {@code react#{emoji}} string set ({@code ADD} or {@code DELETE} the
     * user; an emptied set goes away), answered with the message as it is after.
     */
    @Override
    public Optional<Message> react(RoomId room, MessageId id, Emoji emoji, UserId user, boolean on, long changeSeq) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.room(room), Keys.message(id)))
                        .updateExpression((on ? "ADD" : "DELETE") + " #r :users SET changeSeq = :seq")
                        .conditionExpression("attribute_exists(PK) AND attribute_not_exists(deletedAt)"
                                + " AND (attribute_not_exists(changeSeq) OR changeSeq < :seq) AND "
                                + (on ? "NOT contains(#r, :user)" : "contains(#r, :user)"))
                        .expressionAttributeNames(Map.of("#r", Items.reactionAttribute(emoji)))
                        .expressionAttributeValues(Map.of(":users", AttributeValue.fromSs(List.of(user.value())),
                                ":user", s(user.value()), ":seq", n(changeSeq)))
                        .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW))
                .attributes())
                .map(item -> Items.message(item, List.of()));
    }

    private boolean change(Message changed, long changeSeq, String update, String alsoWhen,
                           Map<String, AttributeValue> values) {
        Map<String, AttributeValue> all = new java.util.HashMap<>(values);
        all.put(":sender", s(changed.senderId().value()));
        all.put(":seq", n(changeSeq));
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.room(changed.roomId()), Keys.message(changed.id())))
                .updateExpression(update)
                .conditionExpression("attribute_exists(PK) AND senderId = :sender AND attribute_not_exists(deletedAt)"
                        + " AND (attribute_not_exists(changeSeq) OR changeSeq < :seq)" + alsoWhen)
                .expressionAttributeValues(all)));
    }
}
