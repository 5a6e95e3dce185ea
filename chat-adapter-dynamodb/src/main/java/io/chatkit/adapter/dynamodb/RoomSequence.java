package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A room's LASTMESSAGE item, which also numbers the room's messages. One conditional update both takes the
 * next place ({@code ADD seq 1}) and makes the message the room's newest, on condition that its id sorts after
 * the newest one's. Updates of one item are applied one after another, so places and ids rise together: a
 * message stamped by a clock that is behind is given an id just after the newest before it takes its place, and one
 * that keeps losing the race in a busy room is stamped again with the time it tries at.
 */
final class RoomSequence {
    private static final int ATTEMPTS = 50;

    private final Table table;
    private final Clock clock;
    private final AtomicInteger mostAttempts = new AtomicInteger();

    RoomSequence(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
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
                mostAttempts.accumulateAndGet(attempt, Math::max);
                return new Placed(next, Items.seq(before.get(), Items.SEQ) + 1, before.get());
            }
            Map<String, AttributeValue> last = lastMessage(message.roomId());
            if (MessageId.of(last.get(Items.LAST_MESSAGE_ID).s()).equals(next.id())) {
                // This very update was applied and its answer lost (the SDK retried it): the place is ours.
                return new Placed(next, Items.seq(last, Items.SEQ), null);
            }
            backOff(attempt);
            // The newest as it stands after the wait, not before it: a candidate taken before the wait would be
            // stale by the time it is written, and lose again to whatever was placed meanwhile.
            MessageId newest = MessageId.of(lastMessage(message.roomId()).get(Items.LAST_MESSAGE_ID).s());
            // Just after the newest; once it lost a race from there, no earlier than now either: a loser stamped a
            // moment ago would otherwise keep losing to the messages stamped since, which sort after it.
            MessageId after = candidate.id().notBefore(newest);
            Instant now = clock.instant();
            candidate = candidate.withId(attempt > 1 && after.timestamp().isBefore(now)
                    ? MessageId.of(now, after.suffix()) : after);
        }
        throw new StoreException("room " + message.roomId() + " is too busy to place a message; try again");
    }

    /** The most attempts a placement has needed so far (for tests of a busy room). */
    int mostAttempts() {
        return mostAttempts.get();
    }

    private Map<String, AttributeValue> lastMessage(RoomId room) {
        return table.getItem(Keys.room(room), Keys.LASTMESSAGE)
                .orElseThrow(() -> new StoreException("room " + room + " has no LASTMESSAGE"));
    }

    /**
     * After a lost race for the room's next place, waits a random while (up to 2, 4, 8, … 64 ms) so that the
     * senders of a busy room stop colliding in lockstep: without it, one of 8 senders in a tight loop can lose 50
     * times in a row (each loss is a write and a read, so the waits also spare the table).
     */
    private static void backOff(int attempt) {
        Table.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(2L << Math.min(attempt - 1, 5))));
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
