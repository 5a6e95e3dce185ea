package io.chatkit.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the chat's single table for local use and tests: {@code PK}/{@code SK} strings, on-demand
 * billing, no secondary index (a user's rooms are ordered when they are read). In production create it with
 * your infrastructure code (chat-infra's Database stack), which also enables expiry by the {@code ttl}
 * attribute; local servers such as dynalite do not implement it, and the adapter does not depend on it:
 * expired connections are ignored on read either way.
 */
public final class ChatTable {
    private ChatTable() {
    }

    /** Creates the table unless it exists, and waits until it is active. */
    public static void createIfMissing(DynamoDbClient dynamoDb, String tableName) {
        try {
            dynamoDb.createTable(CreateTableRequest.builder()
                    .tableName(tableName)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(stringAttribute(Keys.PK), stringAttribute(Keys.SK))
                    .keySchema(hash(Keys.PK), range(Keys.SK))
                    .build());
        } catch (ResourceInUseException alreadyThere) {
            // fine: created before
        }
        dynamoDb.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        TableStatus status = dynamoDb.describeTable(b -> b.tableName(tableName)).table().tableStatus();
        if (status != TableStatus.ACTIVE) {
            throw new IllegalStateException("table " + tableName + " is " + status);
        }
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
