package io.chatkit.reliability;

import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.core.service.ChatThreads;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Raw looks at the table, past the adapter, to check what is really stored. */
final class Store {
    /** The stores' and pushers' executor, bounded as the runtimes' is. */
    static final ExecutorService EXECUTOR = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);

    private Store() {
    }

    static boolean exists(DynamoDbClient client, String table, String pk, String sk) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
        return item != null && !item.isEmpty();
    }

    /** Whether the user's CONNECTIONS item still names the connection. */
    static boolean userHasConnection(DynamoDbClient client, String table, String user, String connectionId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS("USER#" + user), "SK", AttributeValue.fromS("CONNECTIONS")))).item();
        return item != null && item.containsKey("CONNECTION#" + connectionId);
    }

    /** Every item whose PK starts with the prefix (a scan: test sizes only). */
    static List<Map<String, AttributeValue>> itemsWithPrefix(DynamoDbClient client, String table, String prefix) {
        return client.scanPaginator(b -> b.tableName(table).consistentRead(true)
                        .filterExpression("begins_with(PK, :p)")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix))))
                .items().stream().toList();
    }

    static DynamoDbClient client() {
        return Dynalite.shared().client();
    }
}
