package io.chatkit.lambda;



import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.logging.LogLines;
import io.chatkit.testkit.apigw.LoopbackManagementApi.Behaviour;
import io.chatkit.testkit.fixtures.UnreachableStore;
import static org.assertj.core.api.Assertions.assertThat;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What operators read: every line the handler writes is one JSON object with the invocation's ids, and each
 * invocation ends with one EMF document that CloudWatch can turn into metrics. Never a token, never content.
 */
class TelemetryTest {
    private static final String SECRET_CONTENT = "the launch code is 0000";

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final HandlerHarness h = new HandlerHarness(jsonInto(lines, Level.FINE));

    @AfterEach
    void restoreLogging() {
        h.close();
        LogLines.install(LogLines.Format.TEXT, Level.WARNING, System.err::println);
    }

    /** The handler's records and the process's logging, both as JSON lines into {@code lines}, as on Lambda. */
    static Telemetry jsonInto(List<String> lines, Level level) {
        LogLines.install(LogLines.Format.JSON, level, lines::add);
        return Telemetry.json(Optional.of("Chatkit/test"), lines::add);
    }

    @Test
    void every_route_and_outcome_writes_json_lines_with_the_invocations_ids_and_no_token_or_content() {
        List<String> tokens = new java.util.ArrayList<>();
        String aliceToken = token(tokens, "alice");
        h.connect("alice1=", aliceToken);
        h.connect("bob1=", token(tokens, "bob"));
        h.connect("carol1=", token(tokens, "carol"));
        h.connect("bad=", "not-a-token");
        String room = h.reply("alice1=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                .at("/data/chatRoomId").asText();
        String messageId = h.reply("alice1=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"" + SECRET_CONTENT + "\"}").at("/data/messageId").asText();
        h.send("bob1=", "{\"action\":\"markRead\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + messageId + "\"}");
        h.send("bob1=", "{\"action\":\"listRooms\"}");
        String group = h.reply("alice1=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"dave\"],"
                + "\"name\":\"" + SECRET_CONTENT + "\"}").at("/data/chatRoomId").asText();
        h.send("alice1=", "{\"action\":\"addMembers\",\"chatRoomId\":\"" + group + "\",\"participantIds\":[\"carol\"]}");
        h.send("carol1=", "{\"action\":\"leaveRoom\",\"chatRoomId\":\"" + group + "\"}");
        h.connect("eve1=", token(tokens, "eve"));
        h.send("eve1=", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
        h.send("alice1=", "{nope");
        h.disconnect("bob1=");
        for (int i = 0; i < 10; i++) {
            h.connect("mallory" + i + "=", token(tokens, "mallory"));
        }
        h.connect("mallory-too-many=", h.identity.idToken("mallory"));
        failingHandler().handleRequest(listRoomsEvent(), context("lambda-500"));

        List<JsonNode> parsed = lines.stream().map(HandlerHarness::parse).toList();
        assertThat(parsed).as("every line is one JSON object: a log record or an EMF document").allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            if (!line.has("_aws")) {
                assertThat(line.path("timestamp").asText()).isNotEmpty();
                assertThat(line.path("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
                assertThat(line.path("message").isTextual()).isTrue();
            }
        });
        assertThat(lines).noneMatch(line -> tokens.stream().anyMatch(line::contains) || line.contains(SECRET_CONTENT)
                || line.contains("not-a-token"));
        // a token's signature alone would do harm too: no line holds any of its three parts
        assertThat(lines).noneMatch(line -> tokens.stream().flatMap(t -> java.util.Arrays.stream(t.split("\\.")))
                .anyMatch(line::contains));
        List<JsonNode> records = parsed.stream().filter(line -> line.has("outcome")).toList();
        assertThat(records).allSatisfy(record -> {
            assertThat(record.path("level").asText()).isIn("INFO", "WARN", "ERROR");
            assertThat(record.path("message").asText()).isNotEmpty();
            assertThat(record.path("requestId").asText()).as("Lambda's request id").startsWith("lambda-");
            assertThat(record.path("apiRequestId").asText()).isNotEmpty();
            assertThat(record.path("connectionId").asText()).isNotEmpty();
            assertThat(record.path("durationMs").isIntegralNumber()).isTrue();
        });
        assertThat(records).extracting(r -> r.path("route").asText() + " " + r.path("outcome").asText() + " "
                + r.path("status").asInt() + " " + r.path("level").asText())
                .contains("$connect ok 200 INFO", "$connect UNAUTHORIZED 401 WARN", "createRoom ok 200 INFO",
                        "sendMessage ok 200 INFO", "markRead ok 200 INFO", "listRooms ok 200 INFO",
                        "addMembers ok 200 INFO", "leaveRoom ok 200 INFO", "getMessages NOT_A_MEMBER 400 WARN",
                        "$default INVALID_JSON 400 WARN", "$disconnect ok 200 INFO",
                        "$connect RATE_LIMITED 429 WARN", "listRooms INTERNAL_ERROR 500 ERROR");
        assertThat(records).filteredOn(r -> r.path("route").asText().equals("sendMessage")).singleElement()
                .satisfies(r -> assertThat(r.path("userId").asText()).isEqualTo("alice"));
        assertThat(records).filteredOn(r -> r.path("outcome").asText().equals("NOT_A_MEMBER")).singleElement()
                .satisfies(r -> assertThat(r.path("userId").asText()).isEqualTo("eve"));
        assertThat(parsed).filteredOn(line -> line.has("error")).isNotEmpty().allSatisfy(line -> {
            assertThat(line.at("/error/type").asText()).isEqualTo(IllegalStateException.class.getName());
            assertThat(line.at("/error/stackTrace").asText()).as("the trace is one field").contains("\n\tat ");
        });
    }

    @Test
    void a_send_with_a_gone_and_a_throttled_connection_and_a_rejection_are_embedded_metrics() {
        h.connectAs("alice", "alice1=");
        h.connectAs("bob", "bob1=");
        h.connectAs("bob", "bob2=");
        h.connectAs("carol", "carol1=");
        h.connectAs("eve", "eve1=");
        String room = h.reply("alice1=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"]}")
                .at("/data/chatRoomId").asText();
        h.gateway.script("bob2=", Behaviour.GONE);
        h.gateway.script("carol1=", Behaviour.THROTTLED_FOREVER);
        lines.clear();

        h.send("alice1=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"hi\"}");
        h.send("eve1=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"hi\"}");

        List<JsonNode> documents = lines.stream().map(HandlerHarness::parse).filter(line -> line.has("_aws")).toList();
        assertThat(documents).hasSize(2).allSatisfy(TelemetryTest::assertEmfStructure);
        JsonNode send = documents.get(0);
        assertThat(send.path("Route").asText()).isEqualTo("sendMessage");
        assertThat(send.path("Outcome").asText()).isEqualTo("ok");
        assertThat(send.path("FanOut").asLong()).as("every connection but the sender's, which has its reply")
                .isEqualTo(3);
        assertThat(send.path("Deliveries").asLong()).as("bob1").isEqualTo(1);
        assertThat(send.path("Gone").asLong()).isEqualTo(1);
        assertThat(send.path("PushFailed").asLong()).isEqualTo(1);
        assertThat(send.path("PushThrottled").asLong()).isEqualTo(1);
        JsonNode rejected = documents.get(1);
        assertThat(rejected.path("Outcome").asText()).isEqualTo("NOT_A_MEMBER");
        assertThat(rejected.path("Requests").asLong()).isEqualTo(1);
        assertThat(rejected.path("FanOut").isNumber()).as("a refused send reports its empty fan-out").isTrue();
        assertThat(rejected.path("FanOut").asLong()).isZero();
    }

    /** The format's structure: every directive's namespace, dimensions and metrics, and each referenced value. */
    private static void assertEmfStructure(JsonNode document) {
        JsonNode aws = document.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).isTrue();
        assertThat(aws.path("Timestamp").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(aws.path("CloudWatchMetrics").isArray()).isTrue();
        assertThat(aws.path("CloudWatchMetrics")).isNotEmpty().allSatisfy(directive -> {
            assertThat(directive.path("Namespace").asText()).isEqualTo("Chatkit/test");
            assertThat(directive.path("Dimensions").isArray()).isTrue();
            for (JsonNode set : directive.path("Dimensions")) {
                assertThat(set.isArray()).isTrue();
                assertThat(set.size()).as("CloudWatch takes at most 30 dimensions a set").isLessThanOrEqualTo(30);
                for (JsonNode dimension : set) {
                    assertThat(document.path(dimension.asText()).isTextual())
                            .as("dimension %s is a string member", dimension.asText()).isTrue();
                }
            }
            assertThat(directive.path("Metrics")).isNotEmpty().allSatisfy(metric -> {
                assertThat(metric.path("Name").asText()).isNotEmpty();
                assertThat(metric.path("Unit").asText()).isIn("Count", "Milliseconds");
                assertThat(document.path(metric.path("Name").asText()).isNumber())
                        .as("value of %s", metric.path("Name").asText()).isTrue();
            });
        });
        Iterator<String> names = document.fieldNames();
        List<String> members = new ArrayList<>();
        names.forEachRemaining(members::add);
        assertThat(members).doesNotContain("userId", "chatRoomId", "connectionId")
                .as("no per-user, per-room or per-connection members that could become dimensions");
    }

    private ChatHandler failingHandler() {
        ConnectionStore down = UnreachableStore.connections("the table is unreachable");
        return new ChatHandler(Composition.builder()
                .chat(ChatServices.builder().connections(down).messages(new InMemoryMessageStore()))
                .pushers(endpoint -> new RecordingPusher())
                .tokens(token -> new TokenVerifier.Verification.Valid(UserId.of(token)))
                .telemetry(jsonInto(lines, Level.FINE))
                .build());
    }

    /** A fresh id token for {@code user}, remembered so that the logs can be searched for it. */
    private String token(List<String> tokens, String user) {
        String token = h.identity.idToken(user);
        tokens.add(token);
        return token;
    }

    private static APIGatewayV2WebSocketEvent listRoomsEvent() {
        APIGatewayV2WebSocketEvent event = HandlerHarness.event("sendMessage");
        event.getRequestContext().setRouteKey("listRooms");
        event.setBody("{\"action\":\"listRooms\"}");
        return event;
    }

    static Context context(String requestId) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getAwsRequestId") ? requestId : null);
    }
}
