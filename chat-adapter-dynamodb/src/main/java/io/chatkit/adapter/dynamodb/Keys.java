package io.chatkit.adapter.dynamodb;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seed's single-table keys. Ids never contain {@code #} (the core's values refuse it), so no
 * key can reach into another's namespace.
 */
final class Keys {
    static final String PK = "PK";
    static final String SK = "SK";
    static final String TTL = "ttl";

    static final String METADATA = "METADATA";
    static final String LASTMESSAGE = "LASTMESSAGE";
    static final String MESSAGE_PREFIX = "MESSAGE#";
    /** A room's change sequence: its counter, and each change at its place. */
    static final String CHANGES = "CHANGES";
    static final String CHANGE_PREFIX = "CHANGE#";
    static final String CONNECTION_PREFIX = "CONNECTION#";
    static final String CONNECTIONS = "CONNECTIONS";
    /** On {@code USER#{userId}}: how many rooms the user belongs to. */
    static final String ROOMCOUNT = "ROOMCOUNT";
    static final String BLOCKS = "BLOCKS";
    static final String USER_PREFIX = "USER#";
    static final String ROOM_PREFIX = "CHATROOM#";
    static final String DIRECT_ROOM_PREFIX = "DIRECTROOM#";

    private Keys() {
    }

    static String connection(ConnectionId id) {
        return CONNECTION_PREFIX + id.value();
    }

    static String user(UserId id) {
        return USER_PREFIX + id.value();
    }

    static String room(RoomId id) {
        return ROOM_PREFIX + id.value();
    }

    /** The claim on a pair's one unnamed direct room: both ids in order, so either member finds it. */
    static String directRoom(UserId one, UserId other) {
        return one.compareTo(other) < 0 ? DIRECT_ROOM_PREFIX + one.value() + "#" + other.value()
                : DIRECT_ROOM_PREFIX + other.value() + "#" + one.value();
    }

    /** {@code MESSAGE#{timestamp}#{messageId}}: fixed-width time first, so string order is time order. */
    /** A change's sort key: its place, zero-padded so that the keys sort as the places do. */
    static String change(long seq) {
        return CHANGE_PREFIX + String.format("%019d", seq);
    }

    static String message(MessageId id) {
        return MESSAGE_PREFIX + id.timestampDigits() + "#" + id.value();
    }

    /**
     * A sender's reservation of a client message id in one room; the idempotency record. Keyed by the sender too,
     * so that one user's id never claims, or is claimed by, another's.
     */
    static String send(UserId sender, ClientMessageId clientMessageId) {
        return "SEND#" + sender.value() + "#" + clientMessageId.value();
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
