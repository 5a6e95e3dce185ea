package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.logging.LogLines;
import io.chatkit.standalone.Logs;
import io.chatkit.testkit.websocket.ChatClient;
import io.chatkit.testkit.websocket.ChatEndpoint;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded server writes the same record per request as the Lambda handler: route, outcome, user, never content. */
class ChatServerRecordsTest {
    private static final String SECRET = "the launch code is 0000";

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private ChatServer server;
    private ChatEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0).withLogs(Logs.JSON));
        endpoint = new ChatEndpoint(server.httpUrl(), server.websocketUrl());
        LogLines.install(LogLines.Format.JSON, Level.INFO, lines::add);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        LogLines.install(LogLines.Format.TEXT, Level.WARNING, System.err::println);
    }

    @Test
    void every_request_writes_one_json_record_with_its_route_outcome_and_user_and_no_token_or_content()
            throws Exception {
        String token = ChatClient.tokenFor(endpoint, "alice");
        try (ChatClient alice = ChatClient.connect(endpoint, token)) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"" + SECRET + "\"}");
            alice.request("{\"action\":\"getMessages\",\"chatRoomId\":\"no-such-room\"}");
        }
        assertThatThrownBy(() -> ChatClient.connect(endpoint, "not-a-token"));

        List<JsonNode> records = lines.stream().map(ChatServerRecordsTest::parse)
                .filter(line -> line.has("outcome")).toList();
        assertThat(records).extracting(r -> r.path("route").asText() + " " + r.path("outcome").asText() + " "
                        + r.path("status").asInt() + " " + r.path("level").asText())
                .contains("$connect ok 200 INFO", "createRoom ok 200 INFO", "sendMessage ok 200 INFO",
                        "getMessages UNKNOWN_ROOM 400 WARN", "$connect UNAUTHORIZED 401 WARN");
        assertThat(records).filteredOn(r -> r.path("route").asText().equals("sendMessage")).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("userId").asText()).isEqualTo("alice");
                    assertThat(r.path("connectionId").asText()).matches("[A-Za-z0-9_-]{15}=");
                    assertThat(r.path("durationMs").isIntegralNumber()).isTrue();
                });
        assertThat(lines).noneMatch(line -> line.contains(token) || line.contains(SECRET));
    }

    private static JsonNode parse(String line) {
        try {
            return ChatClient.JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not one JSON object: " + line, e);
        }
    }
}
