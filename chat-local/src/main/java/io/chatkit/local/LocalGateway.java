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
import java.net.InetSocketAddress;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
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
    /** API Gateway's quotas: 32 KB per frame, 128 KB per message. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    public static final int MAX_MESSAGE_BYTES = 128 * 1024;
    /** The most any HTTP request body may hold (413 beyond): an {@code @connections} message and some room. */
    static final int MAX_REQUEST_BYTES = 2 * MAX_MESSAGE_BYTES;

    private final LoopbackServer server;
    private final String stage;
    private final RouteSelection routeSelection;
    private final Integration integration;
    private volatile ConnectAuthorization authorization = ConnectAuthorization.NONE;
    private final OpenConnections open = new OpenConnections();
    /** Lambda's execution environments: a fixed number run frames; the others wait their turn, in arrival order. */
    private final ExecutorService routes;
    private final int concurrency;
    private final GatewayLog log;
    private final Clock clock;
    private GatewayEvents events;

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
        this.routeSelection = new RouteSelection(routeKeys);
        this.integration = new Integration(handler, log);
        this.log = log;
        this.clock = clock;
        this.server = new LoopbackServer("local-gateway", 400, port);
        server.serve(stage, container -> {
            container.setMaxFrameSize(MAX_FRAME_BYTES);
            // Jetty would split an oversized incoming frame and go on; API Gateway refuses it (1009)
            container.setAutoFragment(false);
            container.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
            container.setMaxBinaryMessageSize(MAX_MESSAGE_BYTES);
        }, this::upgrade, new Handler.Sequence(new ManagementApiHandler(stage, open), extraHandlers,
                WebClient.files(server.jetty())), context -> {
                    SizeLimitHandler capped = new SizeLimitHandler(MAX_REQUEST_BYTES, -1);
                    capped.setHandler(context);
                    // an attachment's upload is bound to its size by its signature, not by this cap
                    return new LoopbackHostHandler(this::port, new UncappedBlobs(capped, context));
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
        events = new GatewayEvents("127.0.0.1:" + port(), stage, clock);
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

    /** The stage's open connections, as the Management API reaches them. */
    OpenConnections connections() {
        return open;
    }

    public Set<String> openConnectionIds() {
        return open.ids();
    }

    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
                           org.eclipse.jetty.util.Callback callback) {
        long started = System.nanoTime();
        String id = GatewayEvents.connectionId();
        String sourceIp = UpgradeRequests.sourceIp(request);
        LocalConnection connection = new LocalConnection(id, clock.millis(), sourceIp,
                request.getHeaders().get("User-Agent"));
        Map<String, String> query = UpgradeRequests.query(request);
        Map<String, String> headers = UpgradeRequests.headers(request);
        int authorized = authorization.verdict(connection, events.authorizer(connection.id, connection.connectedAt,
                query, headers, sourceIp));
        if (authorized != 200) {
            log.line("$connect", id, authorized, started);
            org.eclipse.jetty.server.Response.writeError(request, response, callback, authorized);
            return null;
        }
        APIGatewayV2WebSocketEvent event = events.connect(id, connection.connectedAt, query, headers, sourceIp);
        event.getRequestContext().setAuthorizer(connection.authorizerContext);
        int status = integration.invoke(event).getStatusCode();
        log.line("$connect", id, status, started);
        if (status < 200 || status > 299) {
            org.eclipse.jetty.server.Response.writeError(request, response, callback, status);
            return null;
        }
        // API Gateway's documentation says nothing of permessage-deflate, so the emulation declines every extension
        // a client offers (RFC 6455 §9.1 lets a server): its 32 KB frame and 128 KB message limits then apply to
        // what the client sends, as written. Accepted, Jetty refuses (1009) any frame inflating past 32 KB.
        response.setExtensions(List.of());
        // on the stage from now on, as on API Gateway once $connect answered: its client may see the socket open
        // before this server does, and post to it at once; a post waits for the socket to open
        open.accepted(connection);
        return new SocketListener(connection::opened, (frame, readNext) -> route(connection, frame, readNext),
                () -> closed(connection), cause -> failed(connection, cause));
    }

    /** Two execution environments per core. */
    public static final int DEFAULT_CONCURRENCY = RuntimeOptions.DEFAULT_CONCURRENCY;

    public int concurrency() {
        return concurrency;
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
                APIGatewayV2WebSocketResponse response = integration.invoke(event);
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
            open.closed(connection);
            connection.session().close(StatusCode.MESSAGE_TOO_LARGE, "route response over 128 KB", Callback.NOOP);
            return;
        }
        open.post(connection, body);
    }

    void closed(LocalConnection connection) {
        open.closed(connection);
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
            int status = integration.invoke(event).getStatusCode();
            log.line("$disconnect", connection.id, status, started);
        }
    }

    /**
     * Drops a connection the way a vanished client does on AWS when {@code $disconnect} never comes (it
     * is best-effort there): the socket is cut, no event is sent, and the next push to it gets 410.
     */
    public void loseWithoutDisconnect(String connectionId) {
        open.lose(connectionId);
    }

    /** API Gateway's route selection on {@code $request.body.action}. */
    String routeKeyOf(String frame) {
        return routeSelection.routeKeyOf(frame);
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
        for (LocalConnection connection : open.takeAll()) {
            sendDisconnect(connection);
            closing.add(connection.closeAfterQueued(StatusCode.SHUTDOWN, "gateway stopping", open.writers()));
        }
        SocketClosing.awaitClosed(closing, Duration.ofSeconds(5));
        open.stopWriting();
        server.stop();
    }
}
