package io.chatkit.local;

import io.chatkit.standalone.Loopback;
import io.chatkit.standalone.LoopbackServer;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.standalone.LoopbackHostHandler;
import io.chatkit.standalone.SocketClosing;
import io.chatkit.standalone.SocketListener;
import io.chatkit.web.WebClient;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * A local stand-in for an API Gateway WebSocket stage, on 127.0.0.1 only. Clients connect to
 * {@code ws://127.0.0.1:{port}/{stage}?token=…}; every connect, frame and close becomes the event API
 * Gateway would send, handed to the unchanged Lambda handler. {@code $connect} answering non-2xx refuses
 * the upgrade with that status; a frame's {@code action} picks its route ({@code $default} when no route
 * matches); the handler's answer goes back to the caller as a route response. On the same port:
 * the Management API ({@code POST/GET/DELETE /{stage}/@connections/{id}}), the local identity provider
 * ({@code POST /dev/token}, {@code /dev/.well-known/jwks.json}) and the web client.
 */
public final class LocalGateway implements AutoCloseable {
    private static final ObjectMapper ROUTE_SELECTION = new ObjectMapper();
    /** API Gateway's quotas: 32 KB per frame, 128 KB per message. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** The most any HTTP request body may hold (413 beyond): an {@code @connections} message and some room. */
    static final int MAX_REQUEST_BYTES = 2 * MAX_MESSAGE_BYTES;

    private final LoopbackServer server;
    private final String stage;
    private final Set<String> routeKeys;
    private final RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler;
    private volatile ConnectAuthorization authorization = ConnectAuthorization.NONE;
    private final Map<String, LocalConnection> open = new ConcurrentHashMap<>();
    /** Lambda's execution environments: a fixed number run frames; the others wait their turn, in arrival order. */
    private final ExecutorService routes;
    /** Writes each socket's queued messages; a slow socket blocks only its own writer. */
    private final ExecutorService writers = Executors.newCachedThreadPool(Loopback.threadsNamed("local-gateway-writer"));
    private final int concurrency;
    private final GatewayLog log;
    private final Clock clock;
    private Events events;

    public LocalGateway(int port, String stage, Set<String> routeKeys,
                        RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler,
                        Handler extraHandlers, GatewayLog log, Clock clock) {
        this(port, stage, routeKeys, handler, extraHandlers, log, clock, DEFAULT_CONCURRENCY);
    }

    /**
     * @param concurrency how many frames run the handler at once, as Lambda runs a bounded number of execution
     *                    environments; frames beyond wait in arrival order (one connection's frames one after
     *                    another, as API Gateway delivers them)
     */
    public LocalGateway(int port, String stage, Set<String> routeKeys,
                        RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> handler,
                        Handler extraHandlers, GatewayLog log, Clock clock, int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        this.concurrency = concurrency;
        this.routes = Executors.newFixedThreadPool(concurrency, Loopback.threadsNamed("local-gateway-lambda"));
        this.stage = stage;
        this.routeKeys = Set.copyOf(routeKeys);
        this.handler = handler;
        this.log = log;
        this.clock = clock;
        this.server = new LoopbackServer("local-gateway", 400, port);
        server.serve(stage, container -> {
            container.setMaxFrameSize(MAX_FRAME_BYTES);
            // Jetty would split an oversized incoming frame and go on; API Gateway refuses it (1009)
            container.setAutoFragment(false);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        }, this::upgrade, new Handler.Sequence(new ManagementApiHandler(stage, this), extraHandlers,
                WebClient.files(server.jetty())), context -> {
                    SizeLimitHandler capped = new SizeLimitHandler(MAX_REQUEST_BYTES, -1);
                    capped.setHandler(context);
                    return new LoopbackHostHandler(this::port, capped);
                });
    }

    /**
     * Runs this REQUEST authorizer before every {@code $connect}, as API Gateway runs a route's authorizer: an error
     * whose message is {@code Unauthorized} refuses the handshake with 401, any other error with 500, a policy that
     * does not allow with 403; an allowing policy's {@code context} (and {@code principalId}) is added to
     * {@code requestContext.authorizer} of the connection's every event. Call it before {@link #start()}.
     */
    public LocalGateway authorizeConnectWith(RequestHandler<Map<String, Object>, Map<String, Object>> authorizer) {
        this.authorization = new ConnectAuthorization(authorizer, log);
        return this;
    }

    public void start() throws Exception {
        server.start();
        events = new Events("127.0.0.1:" + port(), stage, clock);
    }

    public int port() {
        return server.port();
    }

    /** The address the gateway's socket is bound to: loopback only. */
    public InetSocketAddress boundAddress() {
        return server.boundAddress();
    }

    public String stage() {
        return stage;
    }

    public String httpUrl() {
        return server.httpUrl();
    }

    public String websocketUrl() {
        return server.websocketUrl(stage);
    }

    /** The Management API endpoint the pusher talks to. */
    public String callbackUrl() {
        return "http://127.0.0.1:" + port() + "/" + stage;
    }

    public Set<String> openConnectionIds() {
        return Set.copyOf(open.keySet());
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
                           org.eclipse.jetty.util.Callback callback) {
        long started = System.nanoTime();
        String id = Events.connectionId();
        String sourceIp = sourceIp(request);
        LocalConnection connection = new LocalConnection(id, clock.millis(), sourceIp,
                request.getHeaders().get("User-Agent"));
        Map<String, String> query = query(request);
        Map<String, String> headers = headers(request);
        int authorized = authorization.verdict(connection, events.authorizer(connection.id, connection.connectedAt,
                query, headers, sourceIp));
        if (authorized != 200) {
            log.line("$connect", id, authorized, started);
            org.eclipse.jetty.server.Response.writeError(request, response, callback, authorized);
            return null;
        }
        APIGatewayV2WebSocketEvent event = events.connect(id, connection.connectedAt, query, headers, sourceIp);
        event.getRequestContext().setAuthorizer(connection.authorizerContext);
        int status = invoke(event).getStatusCode();
        log.line("$connect", id, status, started);
        if (status < 200 || status > 299) {
            org.eclipse.jetty.server.Response.writeError(request, response, callback, status);
            return null;
        }
        // API Gateway's documentation says nothing of permessage-deflate, so the emulation declines every extension
        // a client offers (RFC 6455 §9.1 lets a server): its 32 KB frame and 128 KB message limits then apply to
        // what the client sends, as written. Accepted, Jetty refuses (1009) any frame inflating past 32 KB.
        response.setExtensions(List.of());
        return new SocketListener(session -> {
            connection.opened(session);
            opened(connection);
        }, (frame, readNext) -> route(connection, frame, readNext), () -> closed(connection),
                cause -> failed(connection, cause));
    }

    /** Two execution environments per core. */
    public static final int DEFAULT_CONCURRENCY = RuntimeOptions.DEFAULT_CONCURRENCY;

    public int concurrency() {
        return concurrency;
    }

    /** A post to {@code @connections}: queued on the socket and answered at once; false if the socket is gone. */
    boolean deliver(LocalConnection connection, String frame) {
        return connection.enqueue(frame, writers);
    }

    void opened(LocalConnection connection) {
        open.put(connection.id, connection);
    }

    /** Runs one client frame through its route and sends the route response back. */
    void route(LocalConnection connection, String frame, Runnable whenDone) {
        routes.execute(() -> {
            try {
                long started = System.nanoTime();
                connection.touch();
                String routeKey = routeKeyOf(frame);
                APIGatewayV2WebSocketEvent event =
                        events.message(connection.id, connection.connectedAt, routeKey, frame, connection.sourceIp);
                event.getRequestContext().setAuthorizer(connection.authorizerContext);
                APIGatewayV2WebSocketResponse response = invoke(event);
                log.line(routeKey, connection.id, response.getStatusCode(), started);
                if (response.getBody() != null) {
                    sendRouteResponse(connection, response.getBody());
                }
            } finally {
                whenDone.run();
            }
        });
    }

    /**
     * A route response over API Gateway's 128 KB message limit would never reach the client on AWS: here it is
     * not sent either, and the socket is closed (1009) with an error logged, so that no test can miss it.
     */
    private void sendRouteResponse(LocalConnection connection, String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_MESSAGE_BYTES) {
            log.note("route response of " + bytes + " bytes for " + connection.id + " is over API Gateway's "
                    + MAX_MESSAGE_BYTES + "-byte message limit: not sent, socket closed");
            open.remove(connection.id, connection);
            connection.session().close(StatusCode.MESSAGE_TOO_LARGE, "route response over 128 KB", Callback.NOOP);
            return;
        }
        connection.enqueue(body, writers);
    }

    void closed(LocalConnection connection) {
        open.remove(connection.id, connection);
        sendDisconnect(connection);
    }

    void failed(LocalConnection connection, Throwable cause) {
        log.note("connection " + connection.id + " failed: " + cause.getMessage());
    }

    private void sendDisconnect(LocalConnection connection) {
        if (connection.claimDisconnect()) {
            long started = System.nanoTime();
            APIGatewayV2WebSocketEvent event =
                    events.disconnect(connection.id, connection.connectedAt, connection.sourceIp);
            event.getRequestContext().setAuthorizer(connection.authorizerContext);
            int status = invoke(event).getStatusCode();
            log.line("$disconnect", connection.id, status, started);
        }
    }

    Optional<LocalConnection> connection(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /**
     * The Management API's DELETE: the connection is gone at once (a GET or POST right after answers 410, as on
     * API Gateway), the server closes the socket once what was posted before is written, and $disconnect follows.
     */
    boolean delete(String id) {
        LocalConnection connection = open.remove(id);
        if (connection == null) {
            return false;
        }
        // what was posted before the delete still reaches the client, then the socket closes
        connection.closeAfterQueued(StatusCode.NORMAL, "closed by the server", writers);
        return true;
    }

    /**
     * Drops a connection the way a vanished client does on AWS when {@code $disconnect} never comes (it
     * is best-effort there): the socket is cut, no event is sent, and the next push to it gets 410.
     */
    public void loseWithoutDisconnect(String connectionId) {
        LocalConnection connection = open.remove(connectionId);
        if (connection != null) {
            connection.claimDisconnect();
            connection.session().disconnect();
        }
    }

    private APIGatewayV2WebSocketResponse invoke(APIGatewayV2WebSocketEvent event) {
        try {
            APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
            return response != null ? response : status(200);
        } catch (RuntimeException e) {
            log.note("integration failed on " + event.getRequestContext().getRouteKey() + ": " + e);
            return status(500);
        }
    }

    /** API Gateway's route selection on {@code $request.body.action}. */
    String routeKeyOf(String frame) {
        try {
            JsonNode action = ROUTE_SELECTION.readTree(frame).path("action");
            if (action.isTextual() && routeKeys.contains(action.asText())) {
                return action.asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // not JSON: no route can match
        }
        return "$default";
    }

    private static APIGatewayV2WebSocketResponse status(int code) {
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(code);
        return response;
    }

    private static Map<String, String> query(ServerUpgradeRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(field -> query.put(field.getName(), field.getValue()));
        return query;
    }

    private static Map<String, String> headers(ServerUpgradeRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
        return headers;
    }

    private static String sourceIp(ServerUpgradeRequest request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "127.0.0.1";
    }

    /**
     * Frames being handled finish and what they queued is written; then every open connection gets $disconnect
     * and is closed going away (1001), and the server stops.
     */
    @Override
    public void close() throws Exception {
        routes.shutdown();
        routes.awaitTermination(5, TimeUnit.SECONDS);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (LocalConnection connection : List.copyOf(open.values())) {
            open.remove(connection.id);
            sendDisconnect(connection);
            closing.add(connection.closeAfterQueued(StatusCode.SHUTDOWN, "gateway stopping", writers));
        }
        SocketClosing.awaitClosed(closing, Duration.ofSeconds(5));
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }
}
