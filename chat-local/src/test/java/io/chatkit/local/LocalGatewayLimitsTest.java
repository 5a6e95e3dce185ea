package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.websocket.ChatClient;
import io.chatkit.testkit.websocket.RawHttp;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a page on another origin, or an oversized frame, meets at the local gateway: requests must name
 * 127.0.0.1 or localhost as their {@code Host} (DNS rebinding gets 421), bodies are capped (413), and a message
 * over API Gateway's 128 KB never goes out — neither an {@code @connections} post (413, as API Gateway answers)
 * nor a route response (not sent; the socket is closed with 1009, so a test cannot miss it).
 */
class LocalGatewayLimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LocalChat chat;
    private LocalGateway gateway;

    @BeforeEach
    void start() throws Exception {
        chat = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE));
        gateway = chat.gateway();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void a_request_naming_another_host_is_refused_with_421_whatever_it_asks_for() throws Exception {
        int port = gateway.port();
        String body = "{\"username\":\"eve\"}";
        String token = "POST /dev/token HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        String upgrade = "GET /" + gateway.stage() + "?token=x HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
        String page = "GET / HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n";

        for (String request : new String[] {token, upgrade, page}) {
            assertThat(statusOf(request.formatted("attacker.example:" + port))).as(request).isEqualTo(421);
            assertThat(statusOf(request.formatted("attacker.example"))).as(request).isEqualTo(421);
        }
        assertThat(statusOf(page.formatted("127.0.0.1:" + port))).isEqualTo(200);
        assertThat(statusOf(page.formatted("localhost:" + port))).isEqualTo(200);
        assertThat(statusOf(token.formatted("localhost:" + port))).isEqualTo(200);
        assertThat(statusOf(page.formatted("127.0.0.1:" + port + "\r\nX-Forwarded-For: 203.0.113.7")))
                .as("forwarded by a proxy on this machine").isEqualTo(421);
        assertThat(statusOf(token.formatted("127.0.0.1:" + port + "\r\nForwarded: for=203.0.113.7")))
                .as("forwarded by a proxy on this machine").isEqualTo(421);
        assertThat(gateway.openConnectionIds()).isEmpty();
    }

    @Test
    void a_body_over_the_cap_is_refused_with_413_before_it_is_read() throws Exception {
        int size = LocalGateway.MAX_REQUEST_BYTES + 1;
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + "dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + "x".repeat(size) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void a_post_to_a_connection_over_128_kb_gets_413_and_nothing_reaches_the_socket() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            LocalGatewayEndToEndTest.awaitCondition(() -> gateway.openConnectionIds().size() == 1);
            URI connection = URI.create(gateway.callbackUrl() + "/@connections/"
                    + URLEncoder.encode(gateway.openConnectionIds().iterator().next(), StandardCharsets.UTF_8));

            // {"big":"…"} is 10 bytes around the padding: one byte over the limit, and exactly the limit
            HttpResponse<String> tooLarge = post(connection, "{\"big\":\"" + "x".repeat(LocalGateway.MAX_MESSAGE_BYTES - 9) + "\"}");
            HttpResponse<String> largest = post(connection, "{\"big\":\"" + "y".repeat(LocalGateway.MAX_MESSAGE_BYTES - 10) + "\"}");

            assertThat(tooLarge.statusCode()).isEqualTo(413);
            assertThat(tooLarge.headers().firstValue("x-amzn-ErrorType")).hasValue("PayloadTooLargeException");
            assertThat(largest.statusCode()).as("exactly 128 KB is allowed").isEqualTo(200);
            assertThat(alice.await(frame -> frame.has("big")).path("big").asText()).startsWith("y");
        }
    }

    @Test
    void a_route_response_over_128_kb_is_not_sent_the_socket_is_closed_with_1009_and_the_gateway_says_why()
            throws Exception {
        String oversized = "{\"type\":\"messages\",\"data\":\"" + "z".repeat(LocalGateway.MAX_MESSAGE_BYTES) + "\"}";
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (LocalGateway bare = new LocalGateway(0, "test", Set.of(), (event, context) -> {
            APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
            response.setStatusCode(200);
            if ("$default".equals(event.getRequestContext().getRouteKey())) {
                response.setBody(oversized);
            }
            return response;
        }, new Handler.Sequence(), new GatewayLog(new PrintStream(logged, true, StandardCharsets.UTF_8)),
                Clock.systemUTC())) {
            bare.start();
            CompletableFuture<Integer> closed = new CompletableFuture<>();
            CompletableFuture<CharSequence> received = new CompletableFuture<>();
            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(bare.websocketUrl()), new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    received.complete(data);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);

            socket.sendText("{\"action\":\"anything\"}", true).join();

            assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
            assertThat(received).isNotDone();
            assertThat(logged.toString(StandardCharsets.UTF_8)).contains("route response of "
                    + oversized.length() + " bytes", "over API Gateway's 131072-byte message limit: not sent");
        }
    }

    @Test
    void a_connection_lives_no_longer_than_its_token_then_gets_session_expired_and_is_closed() throws Exception {
        HttpResponse<String> minted = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + "dev/token"))
                // 4 s: exp is a whole second, so a token of n seconds may have little more than n - 1 to live, and a
                // busy build machine may take a second to connect (2 s once left too little)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"gina\",\"expiresIn\":4}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + "dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"gina\",\"expiresIn\":0}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        String token = ChatClient.JSON.readTree(minted.body()).path("token").asText();
        long expiresAt = ChatClient.JSON.readTree(new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                StandardCharsets.UTF_8)).path("exp").asLong();

        try (ChatClient gina = ChatClient.connect(Endpoints.of(gateway), token); ChatClient hank = ChatClient.signIn(Endpoints.of(gateway), "hank")) {
            assertThat(gina.request("{\"action\":\"listRooms\"}").path("type").asText()).isEqualTo("rooms");
            LocalGatewayEndToEndTest.awaitCondition(() -> System.currentTimeMillis() / 1000 >= expiresAt + 1);

            gina.sendRaw("{\"action\":\"listRooms\"}");

            JsonNode late = gina.await(frame -> frame.path("type").asText().equals("error"));
            assertThat(late.at("/data/code").asText()).isEqualTo("SESSION_EXPIRED");
            assertThat(gina.closedWith.get(10, TimeUnit.SECONDS)).as("closed through DeleteConnection").isEqualTo(1000);
            assertThat(hank.request("{\"action\":\"listRooms\"}").path("type").asText())
                    .as("another user is unaffected").isEqualTo("rooms");
        }
    }

    private static HttpResponse<String> post(URI connection, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(connection).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int statusOf(String request) {
        return RawHttp.statusOf(gateway.port(), request);
    }
}
