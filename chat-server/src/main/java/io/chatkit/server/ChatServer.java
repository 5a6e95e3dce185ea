package io.chatkit.server;

import io.chatkit.adapter.dynamodb.TableLease;
import io.chatkit.auth.JwtVerifier;
import io.chatkit.auth.LazyTokenVerifier;
import io.chatkit.auth.LocalIdentityProvider;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.adapter.inmemory.FolderBlobStore;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.logging.Invocation;
import io.chatkit.logging.LogLines;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.protocol.Handshake;
import io.chatkit.protocol.Reply;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.Loopback;
import io.chatkit.standalone.LoopbackHostHandler;
import io.chatkit.standalone.FolderBlobHandler;
import io.chatkit.standalone.LoopbackServer;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.standalone.SocketClosing;
import io.chatkit.standalone.SocketListener;
import io.chatkit.standalone.Stores;
import io.chatkit.web.DevIdentityHandler;
import io.chatkit.web.WebClient;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URL;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

/**
 * The chat as one standalone WebSocket server: frames from the sockets go straight to {@link ChatProtocol}, and
 * pushes are written to the member sockets this process holds ({@link Sockets}), with no HTTP per delivery. The
 * same URL shape, options and web client as {@code chat-local}. Single process by design: every member of a room
 * must be connected to this server; scale out with the Lambda deployment, where API Gateway is the fan-out.
 */
public final class ChatServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatServer.class.getName());
    private static final SecureRandom IDS = new SecureRandom();
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(5);

    private final LoopbackServer server;
    private final RuntimeOptions runtime;
    private final ChatServices chat;
    private final ChatProtocol protocol;
    private final TokenVerifier tokens;
    private final Sockets sockets;
    private final ExecutorService frames;
    private final ExecutorService writers;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private ChatServer(ServerOptions options, Clock clock) throws Exception {
        this.runtime = options.runtime();
        server = new LoopbackServer("chat-server", 200, runtime.port());
        frames = Executors.newFixedThreadPool(runtime.concurrency(), Loopback.threadsNamed("chat-server-frames"));
        writers = Executors.newCachedThreadPool(Loopback.threadsNamed("chat-server-writer"));
        ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
        resources.add(executor::shutdownNow);
        sockets = new Sockets(writers);
        FolderBlobStore blobs = new FolderBlobStore(runtime.attachmentsFolder(), () -> URI.create(httpUrl()), clock);
        chat = stores(executor).pusher(sockets).limits(runtime.limits()).executor(executor).clock(clock)
                .blobStore(blobs).attachmentRules(runtime.attachmentRules()).build();
        protocol = new ChatProtocol(chat);

        Handler identity;
        if (options.issuer().isPresent()) {
            ServerOptions.Issuer issuer = options.issuer().get();
            tokens = JwtVerifier.oidc(issuer.issuer(), issuer.jwksUrl(), issuer.clientId());
            identity = new Handler.Sequence();
        } else {
            LocalIdentityProvider dev = new LocalIdentityProvider(httpUrl() + "dev", clock);
            // the dev issuer's JWKS lives on this server, whose port is known only once it has started
            tokens = new LazyTokenVerifier(() -> JwtVerifier.cognito(dev.issuer(),
                    url(dev.issuer() + "/.well-known/jwks.json"), LocalIdentityProvider.CLIENT_ID));
            identity = new DevIdentityHandler(dev, this::websocketUrl, runtime.attachmentRules());
        }
        server.serve(runtime.stage(), container -> container.setMaxTextMessageSize(ChatProtocol.MAX_FRAME_BYTES),
                this::upgrade, new Handler.Sequence(identity, new FolderBlobHandler(blobs),
                        WebClient.files(server.jetty())),
                // the dev identity answers only this machine, addressed by name, never through a proxy
                context -> options.issuer().isPresent() ? context : new LoopbackHostHandler(this::port, context));
    }

    /**
     * Starts a server; {@code --port 0} picks a free port. Logging is the process's: {@link ChatServerMain} installs
     * it ({@link Logs#install()}); code that embeds the server keeps its own.
     */
    public static ChatServer start(ServerOptions options) throws Exception {
        return start(options, Clock.systemUTC());
    }

    /** As {@link #start(ServerOptions)}, on {@code clock}: the chat's, the dev tokens' and the signed URLs' time. */
    public static ChatServer start(ServerOptions options, Clock clock) throws Exception {
        options.requireIdentity();
        int port = options.runtime().port();
        ChatServer chatServer = new ChatServer(port == 0 ? options.withPort(Loopback.freePort()) : options, clock);
        chatServer.server.start();
        return chatServer;
    }

    public int port() {
        return server.port();
    }

    public String httpUrl() {
        return server.httpUrl();
    }

    public String websocketUrl() {
        return server.websocketUrl(runtime.stage());
    }

    /** The chat this server runs, for embedding code beside it (and tests). */
    public ChatServices chat() {
        return chat;
    }

    /** The handshake: the token is verified and the connection stored before the socket opens. */
    private Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response,
                           org.eclipse.jetty.util.Callback callback) {
        Fields query = Request.extractQueryParameters(request);
        long started = System.nanoTime();
        ConnectionId id = ConnectionId.of(newConnectionId());
        try (LogLines.Scope ignored = LogLines.during(invocation(id, "$connect", started))) {
            TokenVerifier.Verification verification = tokens.verify(query.getValue("token"));
            if (verification instanceof TokenVerifier.Verification.Invalid invalid) {
                LOG.log(Level.INFO, "connect refused: {0}", invalid.reason());
                record("$connect", "UNAUTHORIZED", 401, started, Optional.empty());
                org.eclipse.jetty.server.Response.writeError(request, response, callback, 401);
                return null;
            }
            TokenVerifier.Verification.Valid valid = (TokenVerifier.Verification.Valid) verification;
            Optional<String> user = Optional.of(valid.user().value());
            return chat.connect().connect(new ConnectCommand(id, valid.user(), Instant.now(), valid.expiresAt()))
                    .fold(connection -> {
                        record("$connect", "ok", 200, started, user);
                        return (Object) listenerFor(new ServerSocket(id));
                    }, rejection -> {
                        int status = Handshake.refusalStatus(rejection);
                        LOG.log(Level.INFO, "connect refused: {0}", rejection.message());
                        record("$connect", rejection.code().name(), status, started, user);
                        org.eclipse.jetty.server.Response.writeError(request, response, callback, status);
                        return null;
                    });
        }
    }

    /**
     * A socket's events as this server handles them: a broken socket is a closed one. Pushes reach the socket from
     * now on, as on API Gateway once {@code $connect} answered: its client may see it open before this server does,
     * and a push made in between waits for it to open.
     */
    SocketListener listenerFor(ServerSocket socket) {
        sockets.accepted(socket);
        return new SocketListener(socket::attach, (frame, readNext) -> frame(socket, frame, readNext), () -> closed(socket), cause -> closed(socket));
    }

    /** One frame of a socket, on a bounded pool; the socket's next frame is read once this one is answered. */
    void frame(ServerSocket socket, String frame, Runnable whenDone) {
        frames.execute(() -> {
            long started = System.nanoTime();
            try (LogLines.Scope scope = LogLines.during(invocation(socket.id(), "$default", started))) {
                Reply reply = protocol.handle(socket.id(), frame);
                reply.user().ifPresent(user -> scope.user(user.value()));
                if (reply.hasFrame()) {
                    socket.enqueue(reply.frame(), writers);
                }
                record(reply.action().orElse("$default"), reply.code().map(Enum::name).orElse("ok"),
                        switch (reply.outcome()) {
                            case ANSWERED -> 200;
                            case REFUSED -> 400;
                            case FAILED -> 500;
                        }, started, reply.user().map(UserId::value));
            } finally {
                whenDone.run();
            }
        });
    }

    void closed(ServerSocket socket) {
        sockets.closed(socket);
        long started = System.nanoTime();
        try (LogLines.Scope ignored = LogLines.during(invocation(socket.id(), "$disconnect", started))) {
            chat.disconnect().disconnect(new DisconnectCommand(socket.id()));
            record("$disconnect", "ok", 200, started, Optional.empty());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "disconnect failed; the connection's expiry will remove it", e);
        }
    }

    /** The same record per request as the Lambda handler writes; API Gateway's ids do not exist here. */
    private static Invocation invocation(ConnectionId connection, String route, long started) {
        return new Invocation(Optional.empty(), Optional.empty(), Optional.of(connection.value()), route, started);
    }

    /** The request's record; none with {@code --quiet}. */
    private void record(String route, String outcome, int status, long started, Optional<String> user) {
        if (runtime.logs() != Logs.NONE) {
            LogLines.request(route, outcome, status, (System.nanoTime() - started) / 1_000_000, user);
        }
    }

    /**
     * Graceful shutdown: no new connections, the frames being handled finish, every socket's queue is written,
     * then every socket is closed with 1001 (going away) and forgotten.
     */
    @Override
    public void close() throws Exception {
        server.stopAccepting();
        frames.shutdown();
        frames.awaitTermination(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (ServerSocket socket : sockets.all()) {
            closing.add(socket.closeAfterQueued(ServerSocket.GOING_AWAY, "server shutting down", writers));
        }
        SocketClosing.awaitClosed(closing, FLUSH_WAIT);
        writers.shutdown();
        writers.awaitTermination(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        server.stop();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    private ChatServices.Builder stores(ExecutorService executor) {
        Stores stores = Stores.open(runtime.storage(), executor);
        resources.add(stores);
        // this process holds its sockets: a second one on the table would answer Gone for them, so it may not start
        if (stores.dynamoDb().isPresent()) {
            try {
                resources.add(0, TableLease.acquire(stores.dynamoDb().get(), runtime.storage().table(), "chat-server",
                        "chat-server " + ProcessHandle.current().pid() + " on port " + runtime.port() + " ("
                                + java.util.UUID.randomUUID().toString().substring(0, 8) + ")",
                        TableLease.DEFAULT_LIFE, Clock.systemUTC()));
            } catch (TableLease.LeaseHeldException held) {
                stores.close();
                throw held;
            }
        }
        return stores.into(ChatServices.builder());
    }

    /** Like API Gateway's: 15 URL-safe characters and a trailing {@code =}. */
    private static String newConnectionId() {
        byte[] bytes = new byte[11];
        IDS.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, 15) + "=";
    }

    static URL url(String value) {
        try {
            return URI.create(value).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + value, e);
        }
    }
}
