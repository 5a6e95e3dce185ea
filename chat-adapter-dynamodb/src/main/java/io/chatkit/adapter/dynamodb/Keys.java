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
    static final String GSI1 = "GSI1";
    static final String GSI1PK = "GSI1PK";
    static final String GSI1SK = "GSI1SK";
    static final String TTL = "ttl";

    static final String METADATA = "METADATA";
    static final String LASTMESSAGE = "LASTMESSAGE";
    static final String MESSAGE_PREFIX = "MESSAGE#";
    static final String CONNECTION_PREFIX = "CONNECTION#";
    static final String CONNECTIONS = "CONNECTIONS";

    private Keys() {
    }

    static String connection(ConnectionId id) {
        return CONNECTION_PREFIX + id.value();
    }

    static String user(UserId id) {
        return "USER#" + id.value();
    }

    static String room(RoomId id) {
        return "CHATROOM#" + id.value();
    }

    /** The claim on a pair's one unnamed direct room: both ids in order, so either member finds it. */
    static String directRoom(UserId one, UserId other) {
        return one.compareTo(other) < 0 ? "DIRECTROOM#" + one.value() + "#" + other.value()
                : "DIRECTROOM#" + other.value() + "#" + one.value();
    }

    static String userRooms(UserId id) {
        return "USERROOMS#" + id.value();
    }

    /** {@code MESSAGE#{timestamp}#{messageId}}: fixed-width time first, so string order is time order. */
    static String message(MessageId id) {
        return MESSAGE_PREFIX + id.timestampDigits() + "#" + id.value();
    }

    /**
     * Reserves a client message id in one room; the idempotency record. Keyed without the sender, so a send can
     * read it in its first round, before it knows who is sending; the record names the sender.
     */
    static String send(ClientMessageId clientMessageId) {
        return "SEND#" + clientMessageId.value();
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
