package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.websocket.ChatClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code --dynamodb-endpoint}: the same local stage, storing in DynamoDB (dynalite here), table created on start. */
class LocalChatOnDynamoDbTest {

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_local_chat_runs_on_dynamodb_when_asked() throws Exception {
        String table = "local-" + UUID.randomUUID();
        RuntimeOptions options = RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE)
                .withDynamoDb(Dynalite.shared().endpoint(), table);
        try (LocalChat chat = LocalChat.start(options);
             ChatClient alice = ChatClient.signIn(Endpoints.of(chat.gateway()), "alice");
             ChatClient bob = ChatClient.signIn(Endpoints.of(chat.gateway()), "bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"stored in DynamoDB\"}");

            assertThat(bob.awaitPush("message").at("/data/content").asText()).isEqualTo("stored in DynamoDB");
            JsonNode history = bob.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
            assertThat(history.at("/data/messages/0/content").asText()).isEqualTo("stored in DynamoDB");
            // and it is really in the table, not in memory: the room's message item, read past the adapter
            try (DynamoDbClient dynamoDb = Dynalite.shared().client()) {
                List<Map<String, AttributeValue>> messages = dynamoDb.query(query -> query.tableName(table)
                        .keyConditionExpression("PK = :room AND begins_with(SK, :message)")
                        .expressionAttributeValues(Map.of(":room", AttributeValue.fromS("CHATROOM#" + room),
                                ":message", AttributeValue.fromS("MESSAGE#")))).items();
                assertThat(messages).extracting(item -> item.get("content").s()).contains("stored in DynamoDB");
            }
        }
    }

    @Test
    void its_command_line_is_the_one_both_standalone_runtimes_take() {
        assertThat(LocalChat.parse("--port", "0", "--quiet")).isEqualTo(RuntimeOptions.defaults().withPort(0)
                .withLogs(Logs.NONE));
        assertThat(LocalChat.USAGE).contains(RuntimeOptions.USAGE).contains("--rooms-per-user N");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalChat.parse("--dev"))
                .hasMessageContaining("unknown option --dev");
    }
}
