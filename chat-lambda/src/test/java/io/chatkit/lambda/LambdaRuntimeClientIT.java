package io.chatkit.lambda;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.auth.TestIdentityProvider;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.lambda.LambdaJvm;
import io.chatkit.testkit.lambda.RuntimeApiServer;
import io.chatkit.testkit.lambda.RuntimeClientProcess;
import static org.assertj.core.api.Assertions.assertThat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shaded function jar run by AWS's own Java runtime client on a Java 25 JVM with Lambda's options, fed
 * the real event JSON through a Runtime API served here: the table on dynalite, pushes to a loopback
 * {@code @connections}, tokens from a loopback JWKS. Started as SnapStart starts a function
 * ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}), so the runtime client also runs the handler's
 * snapshot hooks before the first event. One conversation, in order.
 */
@ExtendWith(RequiresDynalite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimeClientIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FIRST_ANSWER = Duration.ofSeconds(90);
    private static final Duration ANSWER = Duration.ofSeconds(30);

    private TestIdentityProvider identity;
    private LoopbackManagementApi gateway;
    private RuntimeApiServer runtimeApi;
    private RuntimeClientProcess function;
    private DynamoDbClient dynamoDb;
    private String table;
    private String room;

    @BeforeAll
    void startTheFunction() throws Exception {
        LambdaJvm.javaOrSkip();
        identity = new TestIdentityProvider();
        gateway = LoopbackManagementApi.start("prod");
        runtimeApi = RuntimeApiServer.start();
        table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        dynamoDb = Dynalite.shared().client();
        function = RuntimeClientProcess.start(
                Path.of("target", "chat-lambda-0.1.0-SNAPSHOT-aws.jar"), Path.of("target", "lambda-runtime"),
                runtimeApi.address(), Map.of(
                        "AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start",
                        "AWS_REGION", "us-east-1",
                        "AWS_ACCESS_KEY_ID", "local",
                        "AWS_SECRET_ACCESS_KEY", "local",
                        "TABLE_NAME", table,
                        "DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString(),
                        "CALLBACK_URL", gateway.endpoint().toString(),
                        "JWT_ISSUER", identity.issuer(),
                        "CLIENT_ID", TestIdentityProvider.CLIENT_ID));
    }

    @AfterAll
    void stop() throws Exception {
        if (function != null) {
            function.close();
        }
        runtimeApi.close();
        gateway.close();
        identity.close();
    }

    @Test
    @Order(1)
    void connect_with_a_valid_token_stores_the_connection_and_a_bad_one_is_refused_with_401() throws Exception {
        assertThat(connect("alice=", identity.idToken("alice")).path("statusCode").asInt()).as(log()).isEqualTo(200);
        assertThat(connect("bob=", identity.idToken("bob")).path("statusCode").asInt()).isEqualTo(200);
        assertThat(connect("eve=", "not-a-token").path("statusCode").asInt()).isEqualTo(401);

        assertThat(connectionItem("alice=")).containsEntry("userId", AttributeValue.fromS("alice"));
        assertThat(connectionItem("eve=")).isEmpty();
    }

    @Test
    @Order(2)
    void the_runtime_client_ran_the_snapshot_hooks_before_the_first_event() {
        assertThat(runtimeApi.initErrors()).isEmpty();
        assertThat(runtimeApi.restores()).as("GET /runtime/restore/next after beforeCheckpoint").isEqualTo(1);
        assertThat(log()).contains("primed before the snapshot: listRooms from an unknown connection answered 400");
        assertThat(connectionItem(SnapStartPriming.PRIMING_CONNECTION)).isEmpty();
    }

    @Test
    @Order(3)
    void create_room_and_send_message_answer_the_caller_and_push_to_the_other_member() throws Exception {
        JsonNode created = frame(message("alice=", "createRoom", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}"));
        assertThat(created.path("type").asText()).as(created.toString()).isEqualTo("roomCreated");
        room = created.at("/data/chatRoomId").asText();

        JsonNode sent = frame(message("alice=", "sendMessage", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"こんにちは from the runtime client\",\"requestId\":\"r-1\"}"));

        assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
        assertThat(sent.path("requestId").asText()).isEqualTo("r-1");
        assertThat(gateway.received("bob=")).hasSize(2);
        assertThat(JSON.readTree(gateway.received("bob=").get(0)).path("type").asText()).isEqualTo("roomCreated");
        JsonNode pushed = JSON.readTree(gateway.received("bob=").get(1));
        assertThat(pushed.path("type").asText()).isEqualTo("message");
        assertThat(pushed.at("/data/content").asText()).isEqualTo("こんにちは from the runtime client");
        assertThat(pushed.at("/data/senderId").asText()).isEqualTo("alice");
    }

    @Test
    @Order(4)
    void list_rooms_shows_the_room_with_its_preview_and_one_unread() throws Exception {
        JsonNode rooms = frame(message("bob=", "listRooms", "{\"action\":\"listRooms\"}"));

        assertThat(rooms.path("type").asText()).as(rooms.toString()).isEqualTo("rooms");
        assertThat(rooms.at("/data/rooms")).hasSize(1);
        assertThat(rooms.at("/data/rooms/0/chatRoomId").asText()).isEqualTo(room);
        assertThat(rooms.at("/data/rooms/0/lastMessage").asText()).isEqualTo("こんにちは from the runtime client");
        assertThat(rooms.at("/data/rooms/0/unreadCount").asInt()).isEqualTo(1);
    }

    @Test
    @Order(5)
    void a_bad_frame_gets_400_with_invalid_json_and_changes_nothing() throws Exception {
        int pushedBefore = gateway.posts();
        JsonNode answer = invoke(message("alice=", "$default", "{\"action\":\"sendMessage\",\"chatRoomId\":"));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(400);
        JsonNode error = JSON.readTree(answer.path("body").asText());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/data/code").asText()).isEqualTo("INVALID_JSON");
        assertThat(gateway.posts()).isEqualTo(pushedBefore);
    }

    @Test
    @Order(6)
    void disconnect_answers_200_and_removes_the_connection() throws Exception {
        assertThat(connectionItem("alice=")).isNotEmpty();

        JsonNode answer = invoke(event("disconnect", "alice=", null));

        assertThat(answer.path("statusCode").asInt()).isEqualTo(200);
        assertThat(connectionItem("alice=")).isEmpty();
        assertThat(function.isAlive()).isTrue();
    }

    private JsonNode connect(String connectionId, String token) throws Exception {
        ObjectNode event = event("connect", connectionId, null);
        ((ObjectNode) event.path("queryStringParameters")).put("token", token);
        ((ObjectNode) event.path("multiValueQueryStringParameters")).putArray("token").add(token);
        JsonNode answer = invoke(event);
        if (answer.path("statusCode").asInt() == 200) {
            gateway.open(connectionId);
        }
        return answer;
    }

    private ObjectNode message(String connectionId, String routeKey, String body) throws IOException {
        ObjectNode event = event("sendMessage", connectionId, body);
        ((ObjectNode) event.path("requestContext")).put("routeKey", routeKey);
        return event;
    }

    /** A captured API Gateway event from the test resources, for this connection, sent now. */
    private static ObjectNode event(String name, String connectionId, String body) throws IOException {
        ObjectNode event;
        try (InputStream in = LambdaRuntimeClientIT.class.getResourceAsStream("/events/" + name + ".json")) {
            event = (ObjectNode) JSON.readTree(in);
        }
        ObjectNode context = (ObjectNode) event.path("requestContext");
        long now = System.currentTimeMillis();
        context.put("connectionId", connectionId);
        context.put("connectedAt", now);
        context.put("requestTimeEpoch", now);
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }

    private JsonNode invoke(ObjectNode event) throws Exception {
        Duration timeout = runtimeApi.restores() == 0 ? FIRST_ANSWER : ANSWER;
        RuntimeApiServer.Answer answer = runtimeApi.invoke(JSON.writeValueAsString(event), timeout);
        assertThat(answer.kind()).as("the function answered with an error:\n" + answer.body() + "\n" + log())
                .isEqualTo("response");
        return JSON.readTree(answer.body());
    }

    /** The reply frame, from a 200 answer. */
    private JsonNode frame(ObjectNode event) throws Exception {
        JsonNode answer = invoke(event);
        assertThat(answer.path("statusCode").asInt()).as(answer.toString()).isEqualTo(200);
        return JSON.readTree(answer.path("body").asText());
    }

    private Map<String, AttributeValue> connectionItem(String connectionId) {
        return dynamoDb.getItem(get -> get.tableName(table).consistentRead(true).key(Map.of(
                "PK", AttributeValue.fromS("CONNECTION#" + connectionId),
                "SK", AttributeValue.fromS("METADATA")))).item();
    }

    private String log() {
        return function.output();
    }
}
