package io.chatkit.reliability;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The authorization attacks over the DynamoDB adapter, on dynalite: a table of its own for each test. */
@ExtendWith(RequiresDynalite.class)
class AuthorizationAttacksOnDynamoDbTest extends AuthorizationAttacks {
    private static DynamoDbClient dynamoDb;

    @Override
    Stores stores() {
        if (dynamoDb == null) {
            dynamoDb = Store.client();
        }
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        return new Stores(new DynamoDbConnectionStore(dynamoDb, table, Store.EXECUTOR),
                new DynamoDbMessageStore(dynamoDb, table, Store.EXECUTOR));
    }
}
