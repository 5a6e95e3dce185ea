package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageStore.MarkReadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Marking read: who joins {@code readBy}, and the member's unread count, kept exact under retries. */
final class ReadState {
    private static final int MARK_READ_ATTEMPTS = 5;

    private final Table table;

    ReadState(Table table) {
        this.table = table;
    }

    /**
     * One query reads the reader's unread messages of the room (and the target, to know it is there);
     * those up to the target get the reader added at once ({@code ADD} on a set: retries are harmless);
     * then the participation's unread count is set to what is left, on condition that no newer message
     * moved the room meanwhile (else it is counted again). Setting, not subtracting, keeps the count exact
     * when a request is retried.
     */
    MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        for (int attempt = 1; ; attempt++) {
            UnreadState state = unreadState(room, reader, upTo);
            if (!state.targetFound()) {
                return new MarkReadResult.NoSuchMessage();
            }
            table.concurrently(state.toMark(), item -> addReader(item, reader));
            boolean lastAttempt = attempt == MARK_READ_ATTEMPTS;
            boolean counted = table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                    .key(Keys.key(Keys.user(reader), Keys.room(room)))
                    .updateExpression("SET unreadCount = :left, lastReadMessageId = :upTo, lastReadAt = :at")
                    .conditionExpression(lastAttempt ? "attribute_exists(PK)"
                            : "attribute_exists(PK) AND GSI1SK = :newest")
                    .expressionAttributeValues(unreadValues(state, upTo, readAt, lastAttempt))));
            if (counted || lastAttempt) {
                return new MarkReadResult.Marked(state.toMark().size());
            }
            Table.sleep(Duration.ofMillis(20L * attempt)); // a send is moving the room right now: count again
        }
    }

    private static Map<String, AttributeValue> unreadValues(UnreadState state, MessageId upTo, Instant readAt,
                                                            boolean unconditional) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":left", n(state.unreadAfterTarget()),
                ":upTo", s(upTo.value()), ":at", n(readAt.toEpochMilli())));
        if (!unconditional) {
            values.put(":newest", s(state.newestMessageId()));
        }
        return values;
    }

    private record UnreadState(boolean targetFound, List<Map<String, AttributeValue>> toMark, int unreadAfterTarget,
                               String newestMessageId) {
    }

    /** Reads the room's read state (ids and readers only), newest first. */
    private UnreadState unreadState(RoomId room, UserId reader, MessageId upTo) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table.name)
                .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                .projectionExpression("PK, SK, messageId, readBy")
                .expressionAttributeValues(Map.of(":pk", s(Keys.room(room)), ":prefix", s(Keys.MESSAGE_PREFIX)))
                .scanIndexForward(false)
                .consistentRead(true);
        List<Map<String, AttributeValue>> messages = table.queryUpTo(query, Integer.MAX_VALUE);
        boolean found = false;
        List<Map<String, AttributeValue>> toMark = new ArrayList<>();
        int after = 0;
        for (Map<String, AttributeValue> item : messages) {
            int order = item.get(Items.MESSAGE_ID).s().compareTo(upTo.value());
            found |= order == 0;
            if (!item.get(Items.READ_BY).ss().contains(reader.value())) {
                if (order <= 0) {
                    toMark.add(item);
                } else {
                    after++;
                }
            }
        }
        String newest = messages.isEmpty() ? "" : messages.get(0).get(Items.MESSAGE_ID).s();
        return new UnreadState(found, toMark, after, newest);
    }

    /** Adds the reader to a message's readBy; adding to a set twice changes nothing. */
    private Void addReader(Map<String, AttributeValue> message, UserId reader) {
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(message.get(Keys.PK).s(), message.get(Keys.SK).s()))
                .updateExpression("ADD readBy :reader")
                .expressionAttributeValues(Map.of(":reader", AttributeValue.fromSs(List.of(reader.value()))))));
        return null;
    }

}
