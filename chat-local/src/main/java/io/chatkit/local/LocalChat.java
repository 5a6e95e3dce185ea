package io.chatkit.local;

import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.auth.JwtVerifier;
import io.chatkit.auth.LocalIdentityProvider;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.adapter.inmemory.FolderBlobStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import io.chatkit.lambda.ConnectAuthorizer;
import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.standalone.CommandLine;
import io.chatkit.standalone.LimitOptions;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.Loopback;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.standalone.FolderBlobHandler;
import io.chatkit.standalone.Stores;
import io.chatkit.web.DevIdentityHandler;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import org.eclipse.jetty.server.Handler;

/**
 * The whole chat on one machine: the local gateway, the local identity provider and the web client,
 * in front of the unchanged Lambda handler, which runs on the in-memory stores (or DynamoDB) and pushes
 * through the real API Gateway pusher to the gateway's own {@code @connections} endpoint.
 */
public final class LocalChat implements AutoCloseable {
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    static final String USAGE = """
            usage: java -jar chat-local/target/chat-local.jar [options]
            """ + RuntimeOptions.USAGE + """
            What one user may do:
            """ + LimitOptions.USAGE;

    /** The command line: the options both standalone runtimes take, and no others. */
    public static RuntimeOptions parse(String... args) {
        return RuntimeOptions.parse(args, RuntimeOptions.OwnOptions.NONE);
    }

    private final LocalGateway gateway;
    private final ConnectionStore connections;
    private final List<AutoCloseable> resources;

    /** The handler's records: readable lines, the JSON lines Lambda writes, or none. */
    private static Telemetry telemetry(Logs logs) {
        return switch (logs) {
            case TEXT -> Telemetry.local();
            case JSON -> Telemetry.json(Optional.empty(), System.out::println);
            case NONE -> Telemetry.silent();
        };
    }

    private LocalChat(LocalGateway gateway, ConnectionStore connections, List<AutoCloseable> resources) {
        this.gateway = gateway;
        this.connections = connections;
        this.resources = resources;
    }

    /**
     * Starts the chat; {@code --port 0} picks a free port. Logging is the process's: {@link #main} installs it
     * ({@link Logs#install()}); code that embeds the chat keeps its own.
     */
    public static LocalChat start(RuntimeOptions options) throws Exception {
        return start(options, Clock.systemUTC());
    }

    /** As {@link #start(RuntimeOptions)}, on {@code clock}: the chat's, its gateway's and its signed URLs' time. */
    public static LocalChat start(RuntimeOptions options, Clock clock) throws Exception {
        int port = options.port() == 0 ? Loopback.freePort() : options.port();
        String base = "http://127.0.0.1:" + port;
        List<AutoCloseable> resources = new ArrayList<>();
        LocalIdentityProvider identity = new LocalIdentityProvider(base + "/dev", clock);
        ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
        resources.add(executor::shutdownNow);
        ManagementApiClients managementApi = new ManagementApiClients(Region.US_EAST_1, LOCAL_CREDENTIALS);
        resources.add(managementApi);
        Stores stores = Stores.open(options.storage(), executor);
        resources.add(stores);
        // attachments' files under a folder, uploaded and downloaded through this port by signed URLs
        FolderBlobStore blobs = new FolderBlobStore(options.attachmentsFolder(), () -> URI.create(base), clock);
        ChatServices.Builder chat = stores.into(ChatServices.builder()).executor(executor).clock(clock)
                .limits(options.limits()).blobStore(blobs).attachmentRules(options.attachmentRules());
        TokenVerifier tokens = JwtVerifier.cognito(identity.issuer(),
                URI.create(identity.issuer() + "/.well-known/jwks.json").toURL(), LocalIdentityProvider.CLIENT_ID);
        Composition composition = Composition.builder()
                .chat(chat)
                .pushers(ApiGatewayPusher.perEndpoint(managementApi, ChatProtocol::encode, executor))
                .tokens(tokens)
                .callbackUrl(URI.create(base + "/" + options.stage()))
                .telemetry(telemetry(options.logs()))
                .build();

        String websocketUrl = "ws://127.0.0.1:" + port + "/" + options.stage();
        GatewayLog log = options.logs() == Logs.NONE ? GatewayLog.quiet() : new GatewayLog(System.out);
        LocalGateway gateway = new LocalGateway(port, options.stage(), ChatProtocol.ACTIONS,
                new ChatHandler(composition), new Handler.Sequence(new FolderBlobHandler(blobs),
                        new DevIdentityHandler(identity, () -> websocketUrl, options.attachmentRules())), log, clock,
                options.concurrency());
        // as on AWS: the token is verified by $connect's authorizer, whose context every later event carries
        gateway.authorizeConnectWith(new ConnectAuthorizer(tokens, clock));
        gateway.start();
        return new LocalChat(gateway, stores.connections(), resources);
    }

    public LocalGateway gateway() {
        return gateway;
    }

    /** The connections the chat knows (as opposed to the sockets the gateway has open). */
    public ConnectionStore connections() {
        return connections;
    }

    @Override
    public void close() throws Exception {
        gateway.close();
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    public static void main(String[] args) throws Exception {
        RuntimeOptions options = CommandLine.parseOrExit(() -> parse(args), USAGE);
        options.logs().install();
        LocalChat chat = start(options);
        CommandLine.closeOnExit(chat, "local-chat", "stopping: every connection gets $disconnect");
        LocalGateway gateway = chat.gateway();
        System.out.printf("""

                chatkit local — LOCAL USE ONLY (tokens from /dev/token need no password)
                  open        %s   (two tabs, two names, and chat)
                  WebSocket   %s?token=…
                  tokens      POST %sdev/token  {"username":"alice"}
                  @connections %s/@connections/{id}
                  storage     %s
                Ctrl-C stops it.

                """, gateway.httpUrl(), gateway.websocketUrl(), gateway.httpUrl(), gateway.callbackUrl(),
                options.storage().describe());
        Thread.currentThread().join();
    }

}
