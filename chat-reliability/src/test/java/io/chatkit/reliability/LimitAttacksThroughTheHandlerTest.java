package io.chatkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.auth.TokenVerifier.Verification;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.core.service.ChatServices;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The limit attacks through the Lambda handler itself, as API Gateway would invoke it: DynamoDB on dynalite, the real
 * pusher against a loopback {@code @connections}, and a clock that moves only when the test says so (so a burst meets
 * exactly the allowance however slow the machine). A token here is the user's name, or {@code name@expiry-millis}.
 */
@ExtendWith(RequiresDynalite.class)
class LimitAttacksThroughTheHandlerTest extends LimitAttacks {

    @Override
    Entrance open() {
        return new ThroughTheHandler();
    }

    private static final class ThroughTheHandler implements Entrance {
        private final MutableClock clock = new MutableClock(Instant.now());
        private final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        private final DynamoDbClient dynamoDb = Store.client();
        private final LoopbackManagementApi gateway = LoopbackManagementApi.start("prod");
        private final ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Duration.ofSeconds(2));
        private final ExecutorService bursts = Executors.newFixedThreadPool(8);
        private final AtomicInteger connections = new AtomicInteger();
        private final ChatHandler handler = new ChatHandler(Composition.builder()
                .chat(ChatServices.builder()
                        .connections(new DynamoDbConnectionStore(dynamoDb, table, Store.EXECUTOR))
                        .messages(new DynamoDbMessageStore(dynamoDb, table, Store.EXECUTOR))
                        .rateLimits(new DynamoDbRateLimitStore(dynamoDb, table, Store.EXECUTOR))
                        .limits(ChatLimits.DEFAULTS)
                        .clock(clock)
                        .executor(Store.EXECUTOR))
                .pushers(endpoint -> new ApiGatewayPusher(clients.clientFor(endpoint), ChatProtocol::encode,
                        Store.EXECUTOR, 16))
                .tokens(token -> {
                    String[] parts = token.split("@");
                    return new Verification.Valid(UserId.of(parts[0]), parts.length == 1 ? Optional.empty()
                            : Optional.of(Instant.ofEpochMilli(Long.parseLong(parts[1]))));
                })
                .callbackUrl(gateway.endpoint())
                .build());

        @Override
        public Session connect(String user) {
            return connectWith(user, user);
        }

        @Override
        public Session connect(String user, Duration life) {
            return connectWith(user, user + "@" + clock.instant().plus(life).toEpochMilli());
        }

        private Session connectWith(String user, String token) {
            String id = user + "-" + connections.incrementAndGet() + "=";
            APIGatewayV2WebSocketEvent event = PushFaultsTest.event(id, "$connect", "CONNECT");
            event.getRequestContext().setConnectedAt(clock.millis());
            event.setQueryStringParameters(Map.of("token", token));
            int status = handler.handleRequest(event, null).getStatusCode();
            if (status != 200) {
                throw new Refused(status);
            }
            gateway.open(id);
            return new HandlerSession(id);
        }

        @Override
        public boolean clockStandsStill() {
            return true;
        }

        @Override
        public void pass(Duration time) {
            clock.advance(time);
        }

        @Override
        public DynamoDbClient dynamoDb() {
            return dynamoDb;
        }

        @Override
        public String table() {
            return table;
        }

        @Override
        public void close() {
            bursts.shutdownNow();
            clients.close();
            gateway.close();
        }

        private final class HandlerSession implements Session {
            private final String id;

            @Override
            public void disconnect() {
                handler.handleRequest(PushFaultsTest.event(id, "$disconnect", "DISCONNECT"), null);
            }
            private final List<JsonNode> pushed = new ArrayList<>();

            HandlerSession(String id) {
                this.id = id;
            }

            @Override
            public JsonNode request(String json) {
                APIGatewayV2WebSocketEvent event = PushFaultsTest.event(id, "$default", "MESSAGE");
                event.setBody(json);
                APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
                assertThat(response.getBody().getBytes(StandardCharsets.UTF_8).length).as("the reply's size")
                        .isLessThanOrEqualTo(MAX_FRAME_BYTES);
                return parse(response.getBody());
            }

            @Override
            public void send(String json) {
                request(json);
            }

            @Override
            public List<JsonNode> burst(List<String> frames) {
                List<CompletableFuture<JsonNode>> replies = frames.stream()
                        .map(frame -> CompletableFuture.supplyAsync(() -> request(frame), bursts)).toList();
                return replies.stream().map(CompletableFuture::join).toList();
            }

            @Override
            public List<JsonNode> pushes(Predicate<JsonNode> wanted, int count) {
                // Through the handler a push is posted before the request that caused it returns, and every request
                // of the attack has returned: what reached the loopback @connections is all there will be, so no
                // quiet time is waited for a late duplicate.
                awaitUpTo(Duration.ofSeconds(20), () -> matching(wanted).size() >= count);
                return matching(wanted);
            }

            /** What reached this connection so far, each frame parsed once. */
            private List<JsonNode> matching(Predicate<JsonNode> wanted) {
                List<String> received = gateway.received(id);
                for (String frame : received.subList(pushed.size(), received.size())) {
                    pushed.add(parse(frame));
                }
                return pushed.stream().filter(wanted).toList();
            }

            @Override
            public boolean closedByTheChat() {
                return awaitUpTo(Duration.ofSeconds(10), () -> !gateway.isOpen(id));
            }
        }
    }

    /** Whether the condition came true within the time, looking every few milliseconds. */
    private static boolean awaitUpTo(Duration time, BooleanSupplier condition) {
        long deadline = System.nanoTime() + time.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
