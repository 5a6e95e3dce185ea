package io.chatkit.bench;

import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.testkit.net.CountingTcpProxy;
import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import io.chatkit.auth.TokenVerifier;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Lambda handler composed as on AWS — DynamoDB adapter (on dynalite), ApiGatewayPusher (on a loopback
 * {@code @connections}) — with every DynamoDB request counted (and optionally delayed) by an interceptor.
 */
final class Backends implements AutoCloseable {
    final LoopbackManagementApi gateway = LoopbackManagementApi.start("bench");
    final RequestLog dynamoDbRequests = new RequestLog();
    final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
    /** Relays in front of dynalite and the loopback {@code @connections}, counting the connections opened. */
    final CountingTcpProxy dynamoDbConnections = CountingTcpProxy.inFrontOf(Dynalite.shared().endpoint());
    final CountingTcpProxy gatewayConnections = CountingTcpProxy.inFrontOf(gateway.endpoint());
    final DynamoDbClient dynamoDb;
    final ChatHandler handler;
    private final ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
    private final ManagementApiClients clients;

    Backends() {
        this(Telemetry.silent());
    }

    /** With the handler's log lines and metrics written as {@code telemetry} says. */
    Backends(Telemetry telemetry) {
        this(telemetry, HttpClients.APACHE5); // as the functions run
    }

    /** With the SDK clients on {@code http} (DynamoDB and the Management API alike). */
    Backends(Telemetry telemetry, HttpClients http) {
        dynamoDb = DynamoDbClient.builder()
                .endpointOverride(dynamoDbConnections.relayed(Dynalite.shared().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(http.forDynamoDb())
                .overrideConfiguration(c -> c.addExecutionInterceptor(dynamoDbRequests))
                .build();
        clients = new ManagementApiClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")),
                http.forManagementApi(ManagementApiClients.ATTEMPT_TIMEOUT), ManagementApiClients.ATTEMPT_TIMEOUT);
        handler = new ChatHandler(Composition.builder()
                .telemetry(telemetry)
                .chat(ChatServices.builder()
                        .connections(new DynamoDbConnectionStore(dynamoDb, table, executor))
                        .messages(new DynamoDbMessageStore(dynamoDb, table, executor))
                        // the allowance is taken (its request counted), never reached
                        .rateLimits(new DynamoDbRateLimitStore(dynamoDb, table, executor))
                        .limits(Fixtures.LIMITS_OUT_OF_REACH)
                        .executor(executor))
                .pushers(ApiGatewayPusher.perEndpoint(clients, ChatProtocol::encode, executor))
                .tokens(token -> new TokenVerifier.Verification.Valid(UserId.of(token)))
                .callbackUrl(gatewayConnections.relayed(gateway.endpoint()))
                .build());
    }

    /** What AWS adds on top of loopback: a fixed delay per DynamoDB call and per push. */
    void latency(Duration perDynamoDbCall, Duration perPush) {
        dynamoDbRequests.delayEachRequestBy(perDynamoDbCall);
        gateway.latency(perPush);
    }

    @Override
    public void close() {
        dynamoDb.close();
        clients.close();
        dynamoDbConnections.close();
        gatewayConnections.close();
        gateway.close();
        executor.shutdownNow();
    }
}
