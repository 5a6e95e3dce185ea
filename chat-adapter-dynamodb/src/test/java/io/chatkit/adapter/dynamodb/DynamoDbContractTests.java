package io.chatkit.adapter.dynamodb;

import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.contract.LastSeenContract;
import io.chatkit.testkit.contract.MessageStoreContract;
import io.chatkit.testkit.contract.RateLimitStoreContract;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.TakenFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The same contracts the in-memory adapters pass, against dynalite over HTTP with the real SDK client. */
@ExtendWith(RequiresDynalite.class)
class DynamoDbContractTests {
    static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dynamodb-test");
        thread.setDaemon(true);
        return thread;
    });
    private static DynamoDbClient client;
    private static String table;

    static synchronized DynamoDbClient client() {
        if (client == null) {
            client = Dynalite.shared().client();
            table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        }
        return client;
    }

    static synchronized String table() {
        client();
        return table;
    }

    @Nested
    class ConnectionStoreOnDynamoDb extends LastSeenContract {
        @Override
        protected ConnectionStore newStore() {
            return new DynamoDbConnectionStore(client(), table(), EXECUTOR);
        }
    }

    @Nested
    class RateLimitStoreOnDynamoDb extends RateLimitStoreContract {
        @Override
        protected RateLimitStore newStore() {
            return new DynamoDbRateLimitStore(client(), table(), EXECUTOR);
        }
    }

    /**
     * The frame allowance kept on the user's connections item passes the same contract as a rate-limit store: each
     * user of the contract gets one connection, and every take goes through {@link
     * DynamoDbConnectionStore#take}.
     */
    @Nested
    class FrameAllowanceOnTheUsersItem extends RateLimitStoreContract {
        @Override
        protected RateLimitStore newStore() {
            DynamoDbConnectionStore connections = new DynamoDbConnectionStore(client(), table(), EXECUTOR);
            Map<UserId, ConnectionId> connectionOf = new ConcurrentHashMap<>();
            return (user, limit, now) -> {
                ConnectionId id = connectionOf.computeIfAbsent(user, u -> {
                    ConnectionId connection = ConnectionId.of(u.value() + "-tab=");
                    connections.save(new Connection(connection, u, now, now.plus(Duration.ofDays(1))));
                    return connection;
                });
                TakenFrame taken = connections.take(id, user, limit, now);
                assertThat(taken.connection()).map(Connection::id).hasValue(id);
                return taken.admission();
            };
        }
    }

    @Nested
    class MessageStoreOnDynamoDb extends MessageStoreContract {
        @Override
        protected MessageStore newStore() {
            return new DynamoDbMessageStore(client(), table(), EXECUTOR);
        }

        @Override
        protected int concurrentMessagesPerThread() {
            return 200;
        }
    }
}
