package io.chatkit.adapter.dynamodb;

import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.contract.ConnectionStoreContract;
import io.chatkit.testkit.contract.MessageStoreContract;
import io.chatkit.testkit.contract.RateLimitStoreContract;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
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
    class ConnectionStoreOnDynamoDb extends ConnectionStoreContract {
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
