package io.chatkit.reliability;

import io.chatkit.adapter.dynamodb.ChatTable;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.apigw.LoopbackManagementApi.Behaviour;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.core.domain.UserId;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.auth.TokenVerifier;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One message to a room where the gateway misbehaves differently for every recipient, through the Lambda
 * handler, the DynamoDB adapter on dynalite, and the real pusher against a loopback {@code @connections}.
 */
@ExtendWith(RequiresDynalite.class)
class PushFaultsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void live_recipients_get_the_message_gone_ones_are_removed_and_nothing_is_retried_forever() throws Exception {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient dynamoDb = Store.client();
        Map<String, Behaviour> recipients = new LinkedHashMap<>();
        recipients.put("alice=", Behaviour.OPEN);
        recipients.put("bob=", Behaviour.GONE);
        recipients.put("carol=", Behaviour.GONE_WITHOUT_ERROR_TYPE);
        recipients.put("dave=", Behaviour.THROTTLED_ONCE);
        recipients.put("erin=", Behaviour.THROTTLED_FOREVER);
        recipients.put("frank=", Behaviour.SERVER_ERROR);
        recipients.put("grace=", Behaviour.FORBIDDEN);
        recipients.put("heidi=", Behaviour.HANG);
        recipients.put("ivan=", Behaviour.OPEN);
        recipients.put("judy=", Behaviour.PAYLOAD_TOO_LARGE);

        try (LoopbackManagementApi gateway = LoopbackManagementApi.start("prod");
             ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Duration.ofMillis(500));
             LogCapture log = new LogCapture()) {
            ChatHandler handler = HandlerOnDynamoDb.handler(dynamoDb, table, gateway, clients,
                    token -> new TokenVerifier.Verification.Valid(UserId.of(token)));
            for (String connection : recipients.keySet()) {
                handler.handleRequest(connect(connection, connection.replace("=", "")), null);
                gateway.open(connection);
            }
            String room = reply(handler, "alice=", "{\"action\":\"createRoom\",\"participantIds\":"
                    + "[\"bob\",\"carol\",\"dave\",\"erin\",\"frank\",\"grace\",\"heidi\",\"ivan\",\"judy\"]}")
                    .at("/data/chatRoomId").asText();
            recipients.forEach(gateway::script);
            int postsBefore = gateway.posts();

            long started = System.nanoTime();
            JsonNode sent = reply(handler, "alice=",
                    "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"is everyone there?\"}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(sent.get("type").asText()).as("the sender's request succeeds once stored").isEqualTo("sent");
            for (String live : List.of("ivan=", "dave=")) {
                assertThat(gateway.received(live)).as(live).filteredOn(f -> f.contains("is everyone there?")).hasSize(1);
            }
            assertThat(gateway.attempts("alice=")).as("the sender's connection has the message as its reply").isZero();
            for (String gone : List.of("bob=", "carol=")) {
                String user = gone.replace("=", "");
                assertThat(Store.exists(dynamoDb, table, "CONNECTION#" + gone, "METADATA")).as(gone).isFalse();
                assertThat(Store.userHasConnection(dynamoDb, table, user, gone)).as(gone).isFalse();
            }
            for (String kept : List.of("alice=", "dave=", "erin=", "frank=", "grace=", "heidi=", "ivan=", "judy=")) {
                String user = kept.replace("=", "");
                assertThat(Store.exists(dynamoDb, table, "CONNECTION#" + kept, "METADATA")).as(kept).isTrue();
                assertThat(Store.userHasConnection(dynamoDb, table, user, kept)).as(kept).isTrue();
            }
            assertThat(gateway.attempts("erin=")).as("429 retried, but boundedly").isEqualTo(ManagementApiClients.MAX_ATTEMPTS);
            assertThat(gateway.attempts("frank=")).isEqualTo(ManagementApiClients.MAX_ATTEMPTS);
            assertThat(gateway.attempts("heidi=")).as("a hang past the attempt timeout: retried, boundedly")
                    .isEqualTo(ManagementApiClients.MAX_ATTEMPTS);
            assertThat(gateway.attempts("dave=")).as("429 once, then delivered").isEqualTo(2);
            assertThat(gateway.attempts("grace=")).as("403 never retried").isEqualTo(1);
            assertThat(gateway.attempts("judy=")).as("413 never retried").isEqualTo(1);
            assertThat(gateway.attempts("bob=")).as("410 never retried").isEqualTo(1);
            assertThat(gateway.attempts("carol=")).as("410 without an error type: never retried").isEqualTo(1);
            assertThat(gateway.attempts("ivan=")).isEqualTo(1);
            assertThat(gateway.posts() - postsBefore)
                    .as("the README's 16 posts: five once, the 429-once twice, three 3 times each").isEqualTo(16);
            for (String failed : List.of("erin=", "frank=", "grace=", "heidi=", "judy=")) {
                assertThat(log.lines()).as("a log line names " + failed).anyMatch(line -> line.contains(failed));
            }
            assertThat(log.lines()).anyMatch(line -> line.startsWith("SEVERE") && line.contains("grace=")
                    && line.contains("execute-api:ManageConnections"));
            System.out.printf("push faults: 9 recipients besides the sender (2 gone, 1 throttled once, 1 throttled forever, 1 500, 1 403,"
                    + " 1 hanging, 1 413), %d posts, sender answered in %d ms; delivered to every live one; removed "
                    + "exactly the 2 gone%n", gateway.posts() - postsBefore, took.toMillis());
        }
    }

    private static APIGatewayV2WebSocketEvent connect(String connectionId, String token) {
        APIGatewayV2WebSocketEvent event = event(connectionId, "$connect", "CONNECT");
        event.setQueryStringParameters(Map.of("token", token));
        return event;
    }

    static JsonNode reply(ChatHandler handler, String connectionId, String body) throws Exception {
        APIGatewayV2WebSocketEvent event = event(connectionId, "sendMessage", "MESSAGE");
        event.setBody(body);
        return JSON.readTree(handler.handleRequest(event, null).getBody());
    }

    static APIGatewayV2WebSocketEvent event(String connectionId, String routeKey, String eventType) {
        RequestContext context = new RequestContext();
        context.setConnectionId(connectionId);
        context.setRouteKey(routeKey);
        context.setEventType(eventType);
        context.setDomainName("abc123.execute-api.us-east-1.amazonaws.com");
        context.setStage("prod");
        context.setConnectedAt(System.currentTimeMillis());
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        event.setRequestContext(context);
        return event;
    }
}
