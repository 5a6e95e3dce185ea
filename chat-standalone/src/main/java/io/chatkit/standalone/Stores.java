package io.chatkit.standalone;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbEndpoint;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The stores a standalone runtime chose by its {@link Storage}: the in-memory ones, or DynamoDB's over one pooled
 * client (the table created first when asked). Closing it closes the client.
 */
public final class Stores implements AutoCloseable {
    private final ConnectionStore connections;
    private final Optional<DynamoDbClient> dynamoDb;
    private final UnaryOperator<ChatServices.Builder> configuration;

    private Stores(ConnectionStore connections, Optional<DynamoDbClient> dynamoDb,
                   UnaryOperator<ChatServices.Builder> configuration) {
        this.connections = connections;
        this.dynamoDb = dynamoDb;
        this.configuration = configuration;
    }

    /** Opens the stores; DynamoDB's run their batched reads on {@code executor}. */
    public static Stores open(Storage storage, ExecutorService executor) {
        if (storage.dynamoDbEndpoint().isEmpty()) {
            InMemoryConnectionStore connections = new InMemoryConnectionStore();
            InMemoryMessageStore messages = new InMemoryMessageStore();
            return new Stores(connections, Optional.empty(),
                    builder -> builder.connections(connections).messages(messages));
        }
        // placeholder credentials for dynalite on this machine; DynamoDB itself takes the default chain
        DynamoDbClient dynamoDb = DynamoDbEndpoint.of(storage.dynamoDbEndpoint().get())
                .configure(DynamoDbClient.builder())
                .httpClient(Apache5HttpClient.builder().maxConnections(ChatThreads.DEFAULT_MAX_THREADS).build())
                .build();
        try {
            if (storage.createTable()) {
                ChatTable.createIfMissing(dynamoDb, storage.table());
            }
        } catch (RuntimeException e) {
            dynamoDb.close();
            throw e;
        }
        String table = storage.table();
        DynamoDbConnectionStore connections = new DynamoDbConnectionStore(dynamoDb, table, executor);
        DynamoDbMessageStore messages = new DynamoDbMessageStore(dynamoDb, table, executor);
        DynamoDbRateLimitStore rateLimits = new DynamoDbRateLimitStore(dynamoDb, table, executor);
        return new Stores(connections, Optional.of(dynamoDb),
                builder -> builder.connections(connections).messages(messages).rateLimits(rateLimits));
    }

    /** The chat's builder with these stores set. */
    public ChatServices.Builder into(ChatServices.Builder builder) {
        return configuration.apply(builder);
    }

    /** The connections the chat knows (as opposed to the sockets a runtime has open). */
    public ConnectionStore connections() {
        return connections;
    }

    /** The DynamoDB client, when the chat is stored there. */
    public Optional<DynamoDbClient> dynamoDb() {
        return dynamoDb;
    }

    @Override
    public void close() {
        dynamoDb.ifPresent(DynamoDbClient::close);
    }
}
