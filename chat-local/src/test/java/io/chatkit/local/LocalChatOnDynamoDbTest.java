package io.chatkit.local;

import io.chatkit.testkit.websocket.ChatClient;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
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
        LocalChat.Options options = LocalChat.Options.defaults().withPort(0).quietly()
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
    void the_command_line_is_parsed_and_explained() {
        LocalChat.Options options = LocalChat.Options.parse("--port", "9090", "--stage", "dev",
                "--dynamodb-endpoint", "http://127.0.0.1:8000", "--table", "t", "--create-table", "--quiet");

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.stage()).isEqualTo("dev");
        assertThat(options.dynamoDbEndpoint()).hasValueSatisfying(uri -> assertThat(uri).hasPort(8000));
        assertThat(options.table()).isEqualTo("t");
        assertThat(options.createTable()).isTrue();
        assertThat(options.quiet()).isTrue();
        assertThat(LocalChat.Options.parse()).isEqualTo(LocalChat.Options.defaults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalChat.Options.parse("--bogus"))
                .hasMessageContaining("--bogus");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalChat.Options.parse("--port"))
                .hasMessageContaining("needs a value");
    }

    @Test
    void the_limits_of_one_user_are_options_with_the_deployments_defaults() {
        LocalChat.Options options = LocalChat.Options.parse("--frames-burst", "120", "--frames-per-second", "40",
                "--room-changes-per-hour", "5", "--connections-per-user", "2", "--rooms-per-user", "7",
                "--connects-burst", "3", "--connects-per-minute", "4", "--refusals-in-a-row", "9");

        assertThat(options.limits().frames().burst()).isEqualTo(120);
        assertThat(options.limits().frames().interval()).isEqualTo(java.time.Duration.ofMillis(25));
        assertThat(options.limits().roomChanges().burst()).isEqualTo(5);
        assertThat(options.limits().connectionsPerUser()).isEqualTo(2);
        assertThat(options.limits().roomsPerUser()).isEqualTo(7);
        assertThat(options.limits().connects().burst()).isEqualTo(3);
        assertThat(options.limits().connects().interval()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(options.limits().refusalsInARow()).isEqualTo(9);
        assertThat(LocalChat.Options.defaults().limits()).isEqualTo(io.chatkit.core.service.ChatLimits.DEFAULTS);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalChat.Options.parse("--frames-burst", "0"))
                .hasMessageContaining("--frames-burst needs a whole number from 1");
    }
}
