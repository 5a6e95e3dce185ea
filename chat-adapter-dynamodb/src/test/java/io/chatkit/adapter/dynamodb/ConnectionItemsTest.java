package io.chatkit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoDB's TTL needs to remove zombie connections: both items carry {@code ttl} in epoch seconds, rounded
 * up, so that DynamoDB never deletes a connection before it expires.
 */
@ExtendWith(RequiresDynalite.class)
class ConnectionItemsTest {

    @Test
    void the_connection_and_the_users_connections_carry_the_expiry_as_ttl_in_epoch_seconds_rounded_up() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        Instant connectedAt = Instant.parse("2026-11-29T10:15:30.250Z");
        Connection connection = new Connection(ConnectionId.of("c1="), UserId.of("alice"), connectedAt,
                connectedAt.plus(Duration.ofHours(24)));
        try (DynamoDbClient client = Dynalite.shared().client()) {
            new DynamoDbConnectionStore(client, table, ChatThreads.bounded(4)).save(connection);

            for (Map<String, AttributeValue> key : java.util.List.of(
                    Map.of("PK", AttributeValue.fromS("CONNECTION#c1="), "SK", AttributeValue.fromS("METADATA")),
                    Map.of("PK", AttributeValue.fromS("USER#alice"), "SK", AttributeValue.fromS("CONNECTIONS")))) {
                AttributeValue ttl = client.getItem(get -> get.tableName(table).key(key).consistentRead(true))
                        .item().get("ttl");
                // expires 2026-11-30T10:15:30.250Z: epoch second 1796033730, and a quarter second more
                assertThat(ttl.n()).as(key.toString()).isEqualTo("1796033731");
            }
        }
    }
}
