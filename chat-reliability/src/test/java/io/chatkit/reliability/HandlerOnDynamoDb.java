package io.chatkit.reliability;

import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.service.ChatServices;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.fixtures.Fixtures;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda handler as a deployment composes it: the DynamoDB stores on a table, the real pusher against a loopback
 * {@code @connections}, the limits out of reach; tokens are whatever the test says they are.
 */
final class HandlerOnDynamoDb {
    private HandlerOnDynamoDb() {
    }

    static ChatHandler handler(DynamoDbClient dynamoDb, String table, LoopbackManagementApi gateway,
                               ManagementApiClients clients, TokenVerifier tokens) {
        return new ChatHandler(Composition.builder()
                .chat(ChatServices.builder()
                        .connections(new DynamoDbConnectionStore(dynamoDb, table, Store.EXECUTOR))
                        .messages(new DynamoDbMessageStore(dynamoDb, table, Store.EXECUTOR))
                        .rateLimits(new DynamoDbRateLimitStore(dynamoDb, table, Store.EXECUTOR))
                        .limits(Fixtures.LIMITS_OUT_OF_REACH)
                        .executor(Store.EXECUTOR))
                .pushers(endpoint -> new ApiGatewayPusher(clients.clientFor(endpoint), ChatProtocol::encode,
                        Store.EXECUTOR, 16))
                .tokens(tokens)
                .callbackUrl(gateway.endpoint())
                .build());
    }
}
