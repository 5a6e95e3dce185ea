package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.StoreException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A room's LASTMESSAGE item, which also numbers the room's messages. One conditional update both takes the
 * next place ({@code ADD seq 1}) and makes the message the room's newest, on condition that its id sorts after
 * the newest one's. Updates of one item are applied one after another, so places and ids rise together: a
 * message stamped by a clock that is behind is given an id just after the newest before it takes its place.
 */
final class RoomSequence {
    private static final int ATTEMPTS = 50;

    private final Table table;

    RoomSequence(Table table) {
        this.table = table;
    }

    /** A message at its place in the room, and LASTMESSAGE as it was before (to give the place back). */
    record Placed(Message message, long seq, Map<String, AttributeValue> before) {
    }

    Placed place(Message message) {
        Message candidate = message;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Message next = candidate;
            Optional<Map<String, AttributeValue>> before = table.ifCondition(() -> table.client.updateItem(b -> b
                    .tableName(table.name).key(key(message.roomId()))
                    .updateExpression("ADD seq :one SET lastMessageId = :id, lastMessageAt = :at, senderId = :sender,"
                            + " preview = :preview")
                    .conditionExpression("attribute_not_exists(lastMessageId) OR lastMessageId < :id")
                    .expressionAttributeValues(Map.of(":one", n(1), ":id", s(next.id().value()),
                            ":at", n(next.createdAt().toEpochMilli()), ":sender", s(next.senderId().value()),
                            ":preview", s(next.content().preview())))
                    .returnValues(ReturnValue.ALL_OLD)).attributes());
            if (before.isPresent()) {
                return new Placed(next, Items.seq(before.get(), Items.SEQ) + 1, before.get());
            }
            Map<String, AttributeValue> last = table.getItem(Keys.room(message.roomId()), Keys.LASTMESSAGE)
                    .orElseThrow(() -> new StoreException("room " + message.roomId() + " has no LASTMESSAGE"));
            MessageId newest = MessageId.of(last.get(Items.LAST_MESSAGE_ID).s());
            if (newest.equals(next.id())) {
                // This very update was applied and its answer lost (the SDK retried it): the place is ours.
                return new Placed(next, Items.seq(last, Items.SEQ), null);
            }
            candidate = candidate.withId(candidate.id().notBefore(newest));
        }
        throw new StoreException("room " + message.roomId() + " is too busy to place a message; try again");
    }

    /** The place {@code message} took, if it is still the room's newest (no message was placed after it). */
    Optional<Placed> stillNewest(Message message) {
        return table.getItem(Keys.room(message.roomId()), Keys.LASTMESSAGE)
                .filter(item -> item.get(Items.LAST_MESSAGE_ID).s().equals(message.id().value()))
                .map(item -> new Placed(message, Items.seq(item, Items.SEQ), null));
    }

    /**
     * Undoes {@link #place} when the message turned out to be a retry that must not be stored, provided nothing
     * was placed after it; otherwise its place stays empty (see docs/dynamodb-design.md, "Known limits").
     */
    void giveBack(Placed placed) {
        Map<String, AttributeValue> before = placed.before();
        if (before == null || !before.containsKey(Items.LAST_MESSAGE_ID)) {
            return;
        }
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":placed", n(placed.seq()),
                ":seq", n(placed.seq() - 1), ":id", before.get(Items.LAST_MESSAGE_ID),
                ":at", before.get(Items.LAST_MESSAGE_AT), ":sender", before.get(Items.SENDER_ID),
                ":preview", before.get(Items.PREVIEW)));
        table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name).key(key(placed.message().roomId()))
                .updateExpression("SET seq = :seq, lastMessageId = :id, lastMessageAt = :at, senderId = :sender,"
                        + " preview = :preview")
                .conditionExpression("seq = :placed")
                .expressionAttributeValues(values)));
    }

    private static Map<String, AttributeValue> key(RoomId room) {
        return Keys.key(Keys.room(room), Keys.LASTMESSAGE);
    }
}
