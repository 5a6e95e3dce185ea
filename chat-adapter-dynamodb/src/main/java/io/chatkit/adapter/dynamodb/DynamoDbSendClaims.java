package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.out.SendClaims;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A sender's claim on a client message id is an item of the room, {@code CHATROOM#{roomId}/SEND#{sender}#{id}},
 * with the table's {@code ttl} at its expiry (DynamoDB deletes it within days after; until then it is read as it is
 * and the core ignores it).
 */
final class DynamoDbSendClaims implements SendClaims {
    private final TableClient table;
    private final DynamoDbRooms rooms;

    DynamoDbSendClaims(TableClient table, DynamoDbRooms rooms) {
        this.table = table;
        this.rooms = rooms;
    }

    @Override
    public boolean claim(SendClaim claim, Instant now) {
        Map<String, AttributeValue> item = TableClient.item(
                Keys.PK, s(Keys.room(claim.key().room())), Keys.SK, s(sortKey(claim.key())),
                Items.SENDER_ID, s(claim.key().sender().value()),
                Items.MESSAGE_ID, s(claim.messageId().value()),
                Items.CONTENT_FINGERPRINT, s(claim.contentFingerprint()),
                Keys.TTL, n(claim.expiresAt().getEpochSecond()));
        return table.conditionally(() -> table.client.putItem(b -> b.tableName(table.name).item(item)
                .expressionAttributeNames(Map.of("#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond())))
                .conditionExpression("attribute_not_exists(PK) OR #ttl <= :now")));
    }

    @Override
    public Optional<SendClaim> find(SendKey key) {
        return table.getItem(Keys.room(key.room()), sortKey(key)).map(item -> claim(key, item));
    }

    @Override
    public void moveTo(SendKey key, MessageId messageId) {
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.room(key.room()), sortKey(key)))
                .updateExpression("SET messageId = :id")
                .expressionAttributeValues(Map.of(":id", s(messageId.value())))));
    }

    /** Without a key one GetItem of METADATA; with one, METADATA and the claim in one BatchGetItem. */
    @Override
    public RoomAndClaim findRoomAndClaim(RoomId room, Optional<SendKey> key) {
        if (key.isEmpty()) {
            return new RoomAndClaim(rooms.find(room), Optional.empty());
        }
        List<Map<String, AttributeValue>> items = table.batchGet(List.of(Keys.key(Keys.room(room), Keys.METADATA),
                Keys.key(Keys.room(room), sortKey(key.get()))));
        return new RoomAndClaim(
                items.stream().filter(item -> item.get(Keys.SK).s().equals(Keys.METADATA)).findFirst().map(Items::room),
                items.stream().filter(item -> !item.get(Keys.SK).s().equals(Keys.METADATA)).findFirst()
                        .map(item -> claim(key.get(), item)));
    }

    private static SendClaim claim(SendKey key, Map<String, AttributeValue> item) {
        return new SendClaim(key, MessageId.of(item.get(Items.MESSAGE_ID).s()),
                item.get(Items.CONTENT_FINGERPRINT).s(), Instant.ofEpochSecond(Items.seq(item, Keys.TTL)));
    }

    private static String sortKey(SendKey key) {
        return Keys.send(key.sender(), key.id());
    }
}
