package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.Test;

/**
 * The local gateway runs a {@code $connect} REQUEST authorizer as API Gateway does: its refusal answers the
 * handshake (401 for {@code Unauthorized}, 403 for a policy that does not allow) and the integration never hears of
 * the connection; its context reaches {@code requestContext.authorizer} of the connection's every event.
 */
class LocalGatewayAuthorizerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<APIGatewayV2WebSocketEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void the_integration_sees_only_authorized_connections_and_each_of_their_events_carries_the_context()
            throws Exception {
        try (LocalGateway gateway = new LocalGateway(0, "test", java.util.Set.of(), (event, context) -> {
            events.add(event);
            APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
            response.setStatusCode(200);
            return response;
        }, new Handler.Sequence(), new GatewayLog(new PrintStream(OutputStream.nullOutputStream())),
                Clock.systemUTC())) {
            gateway.authorizeConnectWith((event, context) -> {
                @SuppressWarnings("unchecked")
                String token = ((Map<String, String>) event.get("queryStringParameters")).get("token");
                if ("deny".equals(token)) {
                    return Map.of("principalId", "x", "policyDocument", Map.of("Version", "2012-10-17",
                            "Statement", List.of(Map.of("Effect", "Deny", "Action", "execute-api:Invoke",
                                    "Resource", event.get("methodArn")))));
                }
                if (!"good".equals(token)) {
                    throw new RuntimeException("Unauthorized");
                }
                assertThat(event.get("methodArn")).isEqualTo("arn:aws:execute-api:local:000000000000:local/test/$connect");
                return Map.of("principalId", "alice", "policyDocument", Map.of("Version", "2012-10-17",
                        "Statement", List.of(Map.of("Effect", "Allow", "Action", "execute-api:Invoke",
                                "Resource", event.get("methodArn")))),
                        "context", Map.of("userId", "alice", "expiresAt", 4_102_444_800_000L));
            });
            gateway.start();

            assertThat(handshake(gateway, "bad")).isEqualTo(401);
            assertThat(handshake(gateway, "deny")).isEqualTo(403);
            assertThat(events).as("the $connect integration never ran").isEmpty();

            WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(gateway.websocketUrl() + "?token=good"),
                    new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"action\":\"anything\"}", true).join();
            socket.sendClose(1000, "bye").join();
            LocalGatewayEndToEndTest.awaitCondition(() -> events.size() >= 3);

            assertThat(events).extracting(event -> event.getRequestContext().getEventType())
                    .containsExactly("CONNECT", "MESSAGE", "DISCONNECT");
            assertThat(events).allSatisfy(event -> assertThat(event.getRequestContext().getAuthorizer())
                    .containsEntry("userId", "alice").containsEntry("expiresAt", 4_102_444_800_000L)
                    .containsEntry("principalId", "alice"));
        }
    }

    private static int handshake(LocalGateway gateway, String token) throws Exception {
        try {
            HTTP.newWebSocketBuilder().buildAsync(URI.create(gateway.websocketUrl() + "?token=" + token),
                    new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }
}
