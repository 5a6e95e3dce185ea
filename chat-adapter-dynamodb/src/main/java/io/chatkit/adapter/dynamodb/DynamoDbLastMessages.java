package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.LastMessage;
import io.chatkit.core.port.out.LastMessages;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A room's LASTMESSAGE item, which also numbers the room's messages. One conditional update both takes the next
 * place ({@code ADD seq 1}) and makes the message the room's newest, on condition that its id sorts after the
 * newest one's; updates of one item are applied one after another, so places and ids rise together.
 */
final class DynamoDbLastMessages implements LastMessages {
    private final TableClient table;

    DynamoDbLastMessages(TableClient table) {
        this.table = table;
    }

    @Override
    public Optional<Placement> placeAfterNewest(Message message) {
        return table.ifCondition(() -> table.client.updateItem(b -> b
                        .tableName(table.name).key(key(message.roomId()))
                        .updateExpression("ADD seq :one SET lastMessageId = :id, lastMessageAt = :at,"
                                + " senderId = :sender, preview = :preview REMOVE editedAt")
                        .conditionExpression("attribute_not_exists(lastMessageId) OR lastMessageId < :id")
                        .expressionAttributeValues(Map.of(":one", n(1), ":id", s(message.id().value()),
                                ":at", n(message.createdAt().toEpochMilli()), ":sender", s(message.senderId().value()),
                                ":preview", s(message.preview())))
                        .returnValues(ReturnValue.ALL_OLD)).attributes())
                .map(before -> new Placement(Items.seq(before, Items.SEQ) + 1,
                        before.containsKey(Items.LAST_MESSAGE_ID)
                                ? Optional.of(lastMessage(message.roomId(), before)) : Optional.empty()));
    }

    @Override
    public Optional<LastMessage> newest(RoomId room) {
        return table.getItem(Keys.room(room), Keys.LASTMESSAGE).map(item -> lastMessage(room, item));
    }

    /** One BatchGetItem per 100 rooms, side by side, eventually consistent (half the read units). */
    @Override
    public List<LastMessage> newestOf(Collection<RoomId> rooms) {
        List<Map<String, AttributeValue>> keys = rooms.stream().map(DynamoDbLastMessages::key).toList();
        return table.batchGet(keys, false, null).stream()
                .map(item -> lastMessage(RoomId.of(item.get(Keys.PK).s().substring(Keys.ROOM_PREFIX.length())), item))
                .toList();
    }

    @Override
    public boolean putBack(LastMessage previous, long placed) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":placed", n(placed), ":seq", n(previous.seq()),
                ":id", s(previous.id().value()), ":at", n(previous.at().toEpochMilli()),
                ":sender", s(previous.sender().value()), ":preview", s(previous.preview())));
        String editedAt = editedAt(previous.editedAt(), values);
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(previous.room()))
                .updateExpression("SET seq = :seq, lastMessageId = :id, lastMessageAt = :at, senderId = :sender,"
                        + " preview = :preview" + editedAt)
                .conditionExpression("seq = :placed")
                .expressionAttributeValues(values)));
    }

    /** One conditional update: the preview and when it was edited, if the room's newest is still that message. */
    @Override
    public boolean changePreview(RoomId room, MessageId id, String preview, Optional<Instant> editedAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":id", s(id.value()), ":preview", s(preview)));
        String edited = editedAt(editedAt, values);
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(room))
                .updateExpression("SET preview = :preview" + edited)
                .conditionExpression("lastMessageId = :id")
                .expressionAttributeValues(values)));
    }

    /** The end of a SET clause that keeps {@code editedAt}, or a REMOVE clause when the message was never edited. */
    private static String editedAt(Optional<Instant> editedAt, Map<String, AttributeValue> values) {
        editedAt.ifPresent(at -> values.put(":editedAt", n(at.toEpochMilli())));
        return editedAt.isPresent() ? ", editedAt = :editedAt" : " REMOVE editedAt";
    }

    static LastMessage lastMessage(RoomId room, Map<String, AttributeValue> item) {
        return new LastMessage(room, MessageId.of(item.get(Items.LAST_MESSAGE_ID).s()), Items.seq(item, Items.SEQ),
                Instant.ofEpochMilli(Items.seq(item, Items.LAST_MESSAGE_AT)), UserId.of(item.get(Items.SENDER_ID).s()),
                item.get(Items.PREVIEW).s(),
                Optional.ofNullable(item.get(Items.EDITED_AT)).map(at -> Instant.ofEpochMilli(Long.parseLong(at.n()))));
    }

    private static Map<String, AttributeValue> key(RoomId room) {
        return Keys.key(Keys.room(room), Keys.LASTMESSAGE);
    }
}
