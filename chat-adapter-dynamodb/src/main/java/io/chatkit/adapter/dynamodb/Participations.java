package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * The members' participation items: each room's place in a member's list and the member's read position.
 * Every write is a {@code SET} under a "only forward" condition, so a repeat (an SDK retry whose first attempt
 * applied, or a retried send finishing its first attempt's work) changes nothing, and no write reads first.
 */
final class Participations {
    private final Table table;

    Participations(Table table) {
        this.table = table;
    }

    /** Moves every member's list position to the message (each only forward), all at once. */
    void moveForward(Room room, Message message, long seq) {
        table.concurrently(List.copyOf(room.members()), member -> {
            if (member.equals(message.senderId())) {
                moveSender(room.id(), member, message, seq);
            } else {
                move(room.id(), member, message, seq, false);
            }
            return null;
        });
    }

    /**
     * The sender's position moves and, in the same write, their read position: sending reads the room up to
     * one's own message. If either was already past it (a newer message got there first, or the sender read
     * further meanwhile), each moves on its own.
     */
    private void moveSender(RoomId room, UserId sender, Message message, long seq) {
        if (!move(room, sender, message, seq, true)) {
            move(room, sender, message, seq, false);
            readUpTo(room, sender, seq, Instant.ofEpochMilli(message.createdAt().toEpochMilli()));
        }
    }

    private boolean move(RoomId room, UserId member, Message message, long seq, boolean andRead) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":id", s(message.id().value()), ":preview", s(message.content().preview()), ":seq", n(seq)));
        String update = "SET GSI1SK = :id, preview = :preview, lastSeq = :seq" + (andRead ? ", readSeq = :seq" : "");
        String condition = "attribute_exists(PK) AND lastSeq < :seq" + (andRead ? " AND readSeq < :seq" : "");
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(member), Keys.room(room)))
                .updateExpression(update).conditionExpression(condition).expressionAttributeValues(values)));
    }

    /**
     * Moves the reader's read position to {@code seq} unless it is there or further already; returns how far it
     * moved (empty if it did not). One write, whatever the distance.
     */
    OptionalLong readUpTo(RoomId room, UserId reader, long seq, Instant at) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(Keys.key(Keys.user(reader), Keys.room(room)))
                        .updateExpression("SET readSeq = :seq, lastReadAt = :at")
                        .conditionExpression("attribute_exists(PK) AND readSeq < :seq")
                        .expressionAttributeValues(Map.of(":seq", n(seq), ":at", n(at.toEpochMilli())))
                        .returnValues(ReturnValue.UPDATED_OLD)).attributes())
                .map(old -> OptionalLong.of(seq - Items.seq(old, Items.READ_SEQ)))
                .orElse(OptionalLong.empty());
    }

    /** Every member's read position in the room (one BatchGetItem per 100 members). */
    Map<UserId, Long> readPositions(Room room) {
        List<Map<String, AttributeValue>> keys = room.members().stream()
                .map(member -> Keys.key(Keys.user(member), Keys.room(room.id()))).toList();
        Map<UserId, Long> positions = new HashMap<>();
        table.batchGet(keys, true, "PK, readSeq").forEach(item -> positions.put(
                UserId.of(item.get(Keys.PK).s().substring("USER#".length())), Items.seq(item, Items.READ_SEQ)));
        return positions;
    }
}
