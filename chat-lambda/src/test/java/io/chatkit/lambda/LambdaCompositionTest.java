package io.chatkit.lambda;


import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.auth.TestIdentityProvider;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.s3.S3rver;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The composition Lambda builds, from environment variables, end to end: DynamoDB adapter on dynalite,
 * the API Gateway pusher on a loopback {@code @connections} server, JWTs from a loopback JWKS.
 */
class LambdaCompositionTest {
    private final TestIdentityProvider identity = new TestIdentityProvider();
    private final LoopbackManagementApi gateway = LoopbackManagementApi.start("prod");

    LambdaCompositionTest() throws Exception {
    }

    @AfterEach
    void stop() {
        gateway.close();
        identity.close();
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void the_environment_composes_dynamodb_api_gateway_and_jwt_into_a_working_chat() {
        ChatHandler handler = new ChatHandler(LambdaComposition.fromEnvironment(environment(Dynalite.shared().newTable(ChatTable::createIfMissing))));

        assertChatWorks(handler);
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void snapshot_hooks_prime_the_first_request_path_without_writing_and_the_restored_handler_still_answers() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        io.chatkit.adapter.dynamodb.DynamoDbCalls calls = new io.chatkit.adapter.dynamodb.DynamoDbCalls();
        Composition composition = LambdaComposition.fromEnvironment(environment(table), calls);
        ChatHandler handler = new ChatHandler(composition);
        long callsBefore = calls.calls();

        handler.priming().beforeCheckpoint(null);

        assertThat(calls.calls() - callsBefore)
                .as("one DynamoDB read: the unknown connection looked up").isEqualTo(1);
        assertThat(itemsIn(table)).as("priming reads, never writes").isZero();
        assertThat(gateway.posts()).isZero();
        io.chatkit.core.port.out.IdGenerator snapshotted = composition.ids();
        handler.priming().afterRestore(null);
        assertThat(composition.ids()).as("a fresh id source in every restored copy").isNotSameAs(snapshotted);
        assertChatWorks(handler);
    }

    private Map<String, String> environment(String table) {
        return Map.of(
                "TABLE_NAME", table,
                "AWS_REGION", "us-east-1",
                "DYNAMODB_ENDPOINT", Dynalite.shared().endpoint().toString(),
                "CALLBACK_URL", gateway.endpoint().toString(),
                "JWT_ISSUER", identity.issuer(),
                "CLIENT_ID", TestIdentityProvider.CLIENT_ID);
    }

    private static int itemsIn(String table) {
        try (var client = Dynalite.shared().client()) {
            return client.scan(scan -> scan.tableName(table).consistentRead(true)).count();
        }
    }

    private void assertChatWorks(ChatHandler handler) {
        assertThat(connect(handler, "alice=", identity.idToken("alice"))).isEqualTo(200);
        assertThat(connect(handler, "bob=", identity.idToken("bob"))).isEqualTo(200);
        assertThat(connect(handler, "eve=", "forged")).isEqualTo(401);
        String room = send(handler, "alice=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                .at("/data/chatRoomId").asText();
        JsonNode sent = send(handler, "alice=",
                "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"over DynamoDB\"}");

        assertThat(sent.get("type").asText()).as(sent.toString()).isEqualTo("sent");
        assertThat(gateway.received("bob=")).hasSize(2).last().asString().contains("over DynamoDB");
        JsonNode rooms = send(handler, "bob=", "{\"action\":\"listRooms\"}");
        assertThat(rooms.at("/data/rooms/0/lastMessage").asText()).isEqualTo("over DynamoDB");
        assertThat(rooms.at("/data/rooms/0/unreadCount").asInt()).isEqualTo(1);
    }

    @Test
    @ExtendWith(RequiresDynalite.class)
    void with_a_bucket_in_the_environment_a_file_is_granted_uploaded_to_s3_sent_and_downloaded() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment(Dynalite.shared().newTable(ChatTable::createIfMissing)));
        env.put("ATTACHMENTS_BUCKET", S3rver.BUCKET);
        env.put("S3_ENDPOINT", S3rver.shared().endpoint().toString());
        ChatHandler handler = new ChatHandler(LambdaComposition.fromEnvironment(env));
        connect(handler, "alice=", identity.idToken("alice"));
        connect(handler, "bob=", identity.idToken("bob"));
        String room = send(handler, "alice=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                .at("/data/chatRoomId").asText();
        byte[] pdf = "%PDF-1.4 the minutes".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        JsonNode granted = send(handler, "alice=", "{\"action\":\"requestUpload\",\"chatRoomId\":\"" + room
                + "\",\"fileName\":\"minutes.pdf\",\"contentType\":\"application/pdf\",\"size\":" + pdf.length + "}");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest.Builder upload = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(granted.at("/data/uploadUrl").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(pdf));
        granted.at("/data/headers").fields().forEachRemaining(header -> upload.header(header.getKey(),
                header.getValue().asText()));
        assertThat(http.send(upload.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode())
                .as(granted.toString()).isEqualTo(200);
        JsonNode sent = send(handler, "alice=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"attachments\":[\"" + granted.at("/data/attachmentId").asText() + "\"]}");

        assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
        JsonNode pushed = HandlerHarness.parse(gateway.received("bob=").get(gateway.received("bob=").size() - 1));
        String url = pushed.at("/data/attachments/0/url").asText();
        java.net.http.HttpResponse<byte[]> downloaded = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(downloaded.statusCode()).isEqualTo(200);
        assertThat(downloaded.body()).isEqualTo(pdf);
        assertThat(downloaded.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");

        // s3rver takes an upload of another size than signed (it does not recompute signatures; S3 refuses it):
        // the send still refuses the file, as its HEAD shows another size than granted, and stores nothing
        JsonNode second = send(handler, "alice=", "{\"action\":\"requestUpload\",\"chatRoomId\":\"" + room
                + "\",\"fileName\":\"b.pdf\",\"contentType\":\"application/pdf\",\"size\":" + pdf.length + "}");
        java.net.http.HttpRequest.Builder longer = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(second.at("/data/uploadUrl").asText()))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(java.util.Arrays.copyOf(pdf, pdf.length * 2)));
        second.at("/data/headers").fields().forEachRemaining(header -> longer.header(header.getKey(),
                header.getValue().asText()));
        http.send(longer.build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        JsonNode refused = send(handler, "alice=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"attachments\":[\"" + second.at("/data/attachmentId").asText() + "\"]}");
        assertThat(refused.at("/data/code").asText()).as(refused.toString()).isEqualTo("INVALID_INPUT");
        assertThat(send(handler, "bob=", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/messages").size()).as("the first file's message and the room's first only").isEqualTo(2);
    }

    @Test
    void limits_come_from_the_environment_with_the_defaults_for_what_it_leaves_out() {
        ChatLimits limits = LambdaComposition.limits(Map.of("LIMIT_FRAMES_BURST", "120", "LIMIT_FRAMES_PER_SECOND", "40",
                "LIMIT_CONNECTIONS_PER_USER", "3", "LIMIT_ROOMS_PER_USER", "200", "LIMIT_CONNECTS_BURST", "5",
                "LIMIT_CONNECTS_PER_MINUTE", "6", "LIMIT_REFUSALS_IN_A_ROW", "7"));

        assertThat(limits.frames().burst()).isEqualTo(120);
        assertThat(limits.frames().interval()).isEqualTo(Duration.ofMillis(25));
        assertThat(limits.connectionsPerUser()).isEqualTo(3);
        assertThat(limits.roomsPerUser()).isEqualTo(200);
        assertThat(limits.connects().burst()).isEqualTo(5);
        assertThat(limits.connects().interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(limits.refusalsInARow()).isEqualTo(7);
        assertThat(limits.roomChanges()).isEqualTo(ChatLimits.DEFAULTS.roomChanges());
        assertThat(LambdaComposition.limits(Map.of())).isEqualTo(ChatLimits.DEFAULTS);
        assertThatThrownBy(() -> LambdaComposition.limits(Map.of("LIMIT_ROOM_CHANGES_PER_HOUR", "0")))
                .hasMessageContaining("LIMIT_ROOM_CHANGES_PER_HOUR must be a whole number from 1");
        assertThatThrownBy(() -> LambdaComposition.limits(Map.of("LIMIT_FRAMES_BURST", "lots")))
                .hasMessageContaining("LIMIT_FRAMES_BURST");
    }

    @Test
    void attachment_limits_come_from_the_environment_and_a_largest_file_over_the_hourly_megabytes_is_refused() {
        io.chatkit.core.service.AttachmentRules rules = LambdaComposition.attachmentRules(Map.of(
                "ATTACHMENT_MAX_MB", "10", "LIMIT_UPLOADS_PER_HOUR", "20", "LIMIT_UPLOAD_MB_PER_HOUR", "100"));

        assertThat(rules.maxFileBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(rules.uploads().burst()).isEqualTo(20);
        assertThat(rules.uploadMegabytes().burst()).isEqualTo(100);
        assertThat(LambdaComposition.attachmentRules(Map.of()))
                .isEqualTo(io.chatkit.core.service.AttachmentRules.DEFAULTS);
        assertThatThrownBy(() -> LambdaComposition.attachmentRules(Map.of("LIMIT_UPLOAD_MB_PER_HOUR", "10")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must fit");
    }

    @Test
    void a_missing_table_name_is_a_clear_startup_error() {
        assertThatThrownBy(() -> LambdaComposition.fromEnvironment(Map.of("AWS_REGION", "us-east-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TABLE_NAME");
    }

    private int connect(ChatHandler handler, String connectionId, String token) {
        APIGatewayV2WebSocketEvent event = HandlerHarness.event("connect");
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setConnectedAt(System.currentTimeMillis());
        event.setQueryStringParameters(Map.of("token", token));
        int status = handler.handleRequest(event, null).getStatusCode();
        if (status == 200) {
            gateway.open(connectionId);
        }
        return status;
    }

    private JsonNode send(ChatHandler handler, String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = HandlerHarness.event("sendMessage");
        event.getRequestContext().setConnectionId(connectionId);
        event.setBody(body);
        return HandlerHarness.parse(handler.handleRequest(event, null).getBody());
    }
}
