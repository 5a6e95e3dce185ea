package io.chatkit.reliability;

import static io.chatkit.reliability.PushFaultsTest.event;
import static io.chatkit.reliability.PushFaultsTest.reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.domain.UserId;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Typing and presence through the Lambda handler on DynamoDB (dynalite), pushed by the real pusher to a loopback
 * {@code @connections}: a burst of {@code typing} leaves every item of the table as it was and reaches each other
 * member once; the last tab closing tells the direct peer, not a group member.
 */
@ExtendWith(RequiresDynalite.class)
class LiveSignalsThroughTheHandlerTest {

    @Test
    void typing_changes_no_item_and_presence_reaches_the_direct_peer_alone() throws Exception {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient dynamoDb = Store.client();
        try (LoopbackManagementApi gateway = LoopbackManagementApi.start("prod");
             ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))) {
            ChatHandler handler = HandlerOnDynamoDb.handler(dynamoDb, table, gateway, clients,
                    token -> new TokenVerifier.Verification.Valid(UserId.of(token.replaceAll("-.*", ""))));
            for (String connection : List.of("alice-laptop=", "alice-phone=", "bob=", "carol=")) {
                handler.handleRequest(connect(connection), null);
                gateway.open(connection);
            }
            String group = reply(handler, "alice-laptop=", "{\"action\":\"createRoom\",\"participantIds\":"
                    + "[\"bob\",\"carol\"]}").at("/data/chatRoomId").asText();
            reply(handler, "alice-laptop=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}");
            List<Map<String, AttributeValue>> before = scan(dynamoDb, table);

            for (int i = 0; i < 10; i++) {
                APIGatewayV2WebSocketEvent typing = event("alice-laptop=", "typing", "MESSAGE");
                typing.setBody("{\"action\":\"typing\",\"chatRoomId\":\"" + group + "\"}");
                assertThat(handler.handleRequest(typing, null).getBody()).as("no reply").isNull();
            }

            assertThat(scan(dynamoDb, table)).as("every item as it was").isEqualTo(before);
            for (String other : List.of("bob=", "carol=")) {
                assertThat(gateway.received(other)).as(other).filteredOn(frame -> frame.contains("\"typing\""))
                        .hasSize(1);
            }
            assertThat(gateway.received("alice-phone=")).filteredOn(frame -> frame.contains("\"typing\"")).isEmpty();

            handler.handleRequest(event("alice-phone=", "$disconnect", "DISCONNECT"), null);
            assertThat(gateway.received("bob=")).as("a tab is left").noneMatch(frame -> frame.contains("presence"));
            handler.handleRequest(event("alice-laptop=", "$disconnect", "DISCONNECT"), null);

            assertThat(gateway.received("bob=")).filteredOn(frame -> frame.contains("\"presence\"")).singleElement()
                    .satisfies(frame -> assertThat(frame).contains("\"online\":false").contains("\"lastSeenAt\""));
            assertThat(gateway.received("carol=")).noneMatch(frame -> frame.contains("presence"));
            JsonNode rooms = reply(handler, "bob=", "{\"action\":\"listRooms\"}").at("/data/rooms");
            assertThat(rooms).anySatisfy(room -> {
                assertThat(room.path("type").asText()).isEqualTo("direct");
                assertThat(room.path("lastSeenAt").asText()).isNotEmpty();
            });
            assertThat(rooms).anySatisfy(room -> assertThat(room.path("online").toString()).isEqualTo("[\"carol\"]"));
        }
    }

    private static APIGatewayV2WebSocketEvent connect(String connectionId) {
        APIGatewayV2WebSocketEvent event = event(connectionId, "$connect", "CONNECT");
        event.setQueryStringParameters(Map.of("token", connectionId.replace("=", "")));
        return event;
    }

    private static List<Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scan(b -> b.tableName(table).consistentRead(true)).items().stream()
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("PK").s())
                        .thenComparing(item -> item.get("SK").s()))
                .toList();
    }
}
