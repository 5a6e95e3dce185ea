package io.chatkit.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.auth.TestIdentityProvider;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The handler as Lambda runs it, fed with real event JSON, on the in-memory stores, with the real
 * ApiGatewayPusher posting over HTTP to a loopback {@code @connections} server and the real JWT
 * verifier reading a loopback JWKS.
 */
final class HandlerHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestIdentityProvider identity;
    final LoopbackManagementApi gateway = LoopbackManagementApi.start("prod");
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
    private final ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")), Duration.ofSeconds(2));
    final ChatHandler handler;

    HandlerHarness() {
        this(Telemetry.silent());
    }

    HandlerHarness(Telemetry telemetry) {
        this(telemetry, io.chatkit.core.service.ChatLimits.DEFAULTS);
    }

    HandlerHarness(io.chatkit.core.service.ChatLimits limits) {
        this(Telemetry.silent(), limits);
    }

    HandlerHarness(Telemetry telemetry, io.chatkit.core.service.ChatLimits limits) {
        this(telemetry, limits, null);
    }

    /**
     * On the stores {@code stores} makes from the harness's executor (the DynamoDB ones, say) instead of the
     * in-memory ones.
     */
    HandlerHarness(io.chatkit.core.service.ChatLimits limits,
                   java.util.function.Function<java.util.concurrent.Executor, ChatServices.Builder> stores) {
        this(Telemetry.silent(), limits, stores);
    }

    private HandlerHarness(Telemetry telemetry, io.chatkit.core.service.ChatLimits limits,
                           java.util.function.Function<java.util.concurrent.Executor, ChatServices.Builder> stores) {
        try {
            identity = new TestIdentityProvider();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        handler = new ChatHandler(Composition.builder()
                .chat((stores == null ? ChatServices.builder().connections(connections).messages(messages)
                        : stores.apply(executor)).executor(executor).limits(limits))
                .pushers(ApiGatewayPusher.perEndpoint(clients, ChatProtocol::encode, executor))
                .tokens(identity.verifier())
                .callbackUrl(gateway.endpoint())
                .telemetry(telemetry)
                .build());
    }

    private final java.util.concurrent.atomic.AtomicInteger invocations = new java.util.concurrent.atomic.AtomicInteger();

    /** What Lambda passes: each invocation its own request id. */
    private com.amazonaws.services.lambda.runtime.Context nextContext() {
        return TelemetryTest.context("lambda-" + invocations.incrementAndGet());
    }

    static APIGatewayV2WebSocketEvent event(String name) {
        return EventLoader.loadEvent("events/" + name + ".json", APIGatewayV2WebSocketEvent.class);
    }

    APIGatewayV2WebSocketResponse connect(String connectionId, String token) {
        APIGatewayV2WebSocketEvent event = event("connect");
        event.getRequestContext().setConnectionId(connectionId);
        // The sample was captured in 2023; a connection made now carries the current time.
        event.getRequestContext().setConnectedAt(System.currentTimeMillis());
        event.setQueryStringParameters(token == null ? Map.of() : Map.of("token", token));
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, nextContext());
        if (response.getStatusCode() == 200) {
            gateway.open(connectionId); // API Gateway opens the socket only after $connect said 2xx
        }
        return response;
    }

    /** Connects a user with a fresh valid id token; returns the connection id. */
    String connectAs(String user, String connectionId) {
        APIGatewayV2WebSocketResponse response = connect(connectionId, identity.idToken(user));
        if (response.getStatusCode() != 200) {
            throw new AssertionError("connect failed: " + response.getStatusCode());
        }
        return connectionId;
    }

    APIGatewayV2WebSocketResponse disconnect(String connectionId) {
        APIGatewayV2WebSocketEvent event = event("disconnect");
        event.getRequestContext().setConnectionId(connectionId);
        return handler.handleRequest(event, nextContext());
    }

    /** Sends a frame over a connection, routed by its action as API Gateway would. */
    APIGatewayV2WebSocketResponse send(String connectionId, String body) {
        APIGatewayV2WebSocketEvent event = event("sendMessage");
        event.getRequestContext().setConnectionId(connectionId);
        event.getRequestContext().setRouteKey(routeFor(body));
        event.setBody(body);
        return handler.handleRequest(event, nextContext());
    }

    /** The reply frame, parsed. */
    JsonNode reply(String connectionId, String body) {
        return parse(send(connectionId, body).getBody());
    }

    List<JsonNode> pushedTo(String connectionId) {
        return gateway.received(connectionId).stream().map(HandlerHarness::parse).toList();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String routeFor(String body) {
        try {
            JsonNode action = JSON.readTree(body).get("action");
            return action != null && ChatProtocol.ACTIONS.contains(action.asText()) ? action.asText() : "$default";
        } catch (IOException | RuntimeException e) {
            return "$default";
        }
    }

    @Override
    public void close() {
        clients.close();
        gateway.close();
        identity.close();
        executor.shutdownNow();
    }
}
