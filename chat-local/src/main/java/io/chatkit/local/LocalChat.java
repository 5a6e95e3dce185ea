package io.chatkit.local;

import static io.chatkit.web.CommandLine.number;
import static io.chatkit.web.CommandLine.value;


import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbEndpoint;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.auth.JwtVerifier;
import io.chatkit.auth.LocalIdentityProvider;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import io.chatkit.lambda.ConnectAuthorizer;
import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.logging.LogLines;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.web.CommandLine.UsageException;
import io.chatkit.web.DevIdentityHandler;
import io.chatkit.web.LimitOptions;
import io.chatkit.web.Loopback;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole chat on one machine: the local gateway, the local identity provider and the web client,
 * in front of the unchanged Lambda handler, which runs on the in-memory stores (or DynamoDB) and pushes
 * through the real API Gateway pusher to the gateway's own {@code @connections} endpoint.
 */
public final class LocalChat implements AutoCloseable {
    private static final StaticCredentialsProvider LOCAL_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));

    /** What the command line sets. */
    public record Options(int port, String stage, Optional<URI> dynamoDbEndpoint, String table, boolean createTable,
                          boolean quiet, ChatLimits limits, boolean logJson, int concurrency) {
        public static Options defaults() {
            return new Options(8080, "local", Optional.empty(), "chatkit-local", false, false, ChatLimits.DEFAULTS,
                    false, LocalGateway.DEFAULT_CONCURRENCY);
        }

        public Options withConcurrency(int environments) {
            return new Options(port, stage, dynamoDbEndpoint, table, createTable, quiet, limits, logJson, environments);
        }

        public Options withLogJson() {
            return new Options(port, stage, dynamoDbEndpoint, table, createTable, quiet, limits, true, concurrency);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, stage, dynamoDbEndpoint, table, createTable, quiet, limits, logJson,
                    concurrency);
        }

        public Options withStage(String newStage) {
            return new Options(port, newStage, dynamoDbEndpoint, table, createTable, quiet, limits, logJson,
                    concurrency);
        }

        public Options quietly() {
            return new Options(port, stage, dynamoDbEndpoint, table, createTable, true, limits, logJson, concurrency);
        }

        public Options withDynamoDb(URI endpoint, String tableName) {
            return new Options(port, stage, Optional.of(endpoint), tableName, true, quiet, limits, logJson,
                    concurrency);
        }

        public Options withLimits(ChatLimits newLimits) {
            return new Options(port, stage, dynamoDbEndpoint, table, createTable, quiet, newLimits, logJson,
                    concurrency);
        }

        static Options parse(String... args) {
            Options options = defaults();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                ChatLimits limits = options.limits;
                switch (arg) {
                    case "--port" -> options = options.withPort(number(args, ++i, arg, 0));
                    case "--stage" -> options = options.withStage(value(args, ++i, arg));
                    case "--dynamodb-endpoint" -> options = new Options(options.port, options.stage,
                            Optional.of(URI.create(value(args, ++i, arg))), options.table, options.createTable,
                            options.quiet, limits, options.logJson, options.concurrency);
                    case "--table" -> options = new Options(options.port, options.stage, options.dynamoDbEndpoint,
                            value(args, ++i, arg), options.createTable, options.quiet, limits, options.logJson,
                            options.concurrency);
                    case "--create-table" -> options = new Options(options.port, options.stage,
                            options.dynamoDbEndpoint, options.table, true, options.quiet, limits, options.logJson,
                            options.concurrency);
                    case "--quiet" -> options = options.quietly();
                    case "--log-json" -> options = options.withLogJson();
                    case "--concurrency" -> options = options.withConcurrency(number(args, ++i, arg, 1));
                    case "--help", "-h" -> throw new UsageException(null);
                    default -> {
                        LimitOptions.Read read = LimitOptions.read(args, i, limits)
                                .orElseThrow(() -> new UsageException("unknown option " + arg));
                        options = options.withLimits(read.limits());
                        i = read.valueIndex();
                    }
                }
            }
            return options;
        }
    }

    static final String USAGE = """
            usage: java -jar chat-local/target/chat-local.jar [options]
              --port N                  listen on 127.0.0.1:N (default 8080; 0 picks a free port)
              --stage NAME              the WebSocket stage (default local): ws://127.0.0.1:N/NAME
              --dynamodb-endpoint URL   store in DynamoDB (dynalite, or real DynamoDB) instead of memory
              --table NAME              the DynamoDB table (default chatkit-local)
              --create-table            create the table if it is missing
              --quiet                   no per-request log lines
              --concurrency N           frames handled at once, like Lambda's execution environments (default
                                        2 per core); the others wait their turn in arrival order
              --log-json                the handler's records as the JSON lines Lambda writes, on standard output
            """ + LimitOptions.USAGE;

    private final LocalGateway gateway;
    private final ConnectionStore connections;
    private final List<AutoCloseable> resources;

    /**
     * The runtime's logging, installed here once, and the handler's records: readable lines on standard error, JSON
     * lines with --log-json, none when quiet.
     */
    private static Telemetry telemetry(Options options) {
        if (options.logJson()) {
            LogLines.install(LogLines.Format.JSON, java.util.logging.Level.INFO, System.out::println);
            return Telemetry.json(Optional.empty(), System.out::println);
        }
        if (options.quiet()) {
            return Telemetry.silent();
        }
        LogLines.install(LogLines.Format.TEXT, java.util.logging.Level.INFO, System.err::println);
        return Telemetry.local();
    }

    private LocalChat(LocalGateway gateway, ConnectionStore connections, List<AutoCloseable> resources) {
        this.gateway = gateway;
        this.connections = connections;
        this.resources = resources;
    }

    public static LocalChat start(Options options) throws Exception {
        int port = options.port() == 0 ? Loopback.freePort() : options.port();
        String base = "http://127.0.0.1:" + port;
        Clock clock = Clock.systemUTC();
        List<AutoCloseable> resources = new ArrayList<>();
        LocalIdentityProvider identity = new LocalIdentityProvider(base + "/dev", clock);
        ExecutorService executor = ChatThreads.bounded(ChatThreads.DEFAULT_MAX_THREADS);
        resources.add(executor::shutdownNow);
        ManagementApiClients managementApi = new ManagementApiClients(Region.US_EAST_1, LOCAL_CREDENTIALS);
        resources.add(managementApi);

        ChatServices.Builder chat = ChatServices.builder().executor(executor).clock(clock).limits(options.limits());
        ConnectionStore connections;
        if (options.dynamoDbEndpoint().isPresent()) {
            // placeholder credentials for dynalite on this machine; DynamoDB itself takes the default chain
            DynamoDbClient dynamoDb = DynamoDbEndpoint.of(options.dynamoDbEndpoint().get())
                    .configure(DynamoDbClient.builder())
                    .httpClient(Apache5HttpClient.builder().maxConnections(ChatThreads.DEFAULT_MAX_THREADS).build())
                    .build();
            resources.add(dynamoDb);
            if (options.createTable()) {
                ChatTable.createIfMissing(dynamoDb, options.table());
            }
            connections = new DynamoDbConnectionStore(dynamoDb, options.table(), executor);
            chat.connections(connections).messages(new DynamoDbMessageStore(dynamoDb, options.table(), executor))
                    .rateLimits(new DynamoDbRateLimitStore(dynamoDb, options.table(), executor));
        } else {
            connections = new InMemoryConnectionStore();
            chat.connections(connections).messages(new InMemoryMessageStore());
        }
        TokenVerifier tokens = JwtVerifier.cognito(identity.issuer(),
                URI.create(identity.issuer() + "/.well-known/jwks.json").toURL(), LocalIdentityProvider.CLIENT_ID);
        Composition composition = Composition.builder()
                .chat(chat)
                .pushers(ApiGatewayPusher.perEndpoint(managementApi, ChatProtocol::encode, executor))
                .tokens(tokens)
                .callbackUrl(URI.create(base + "/" + options.stage()))
                .telemetry(telemetry(options))
                .build();

        String websocketUrl = "ws://127.0.0.1:" + port + "/" + options.stage();
        GatewayLog log = options.quiet() ? GatewayLog.quiet() : new GatewayLog(System.out);
        LocalGateway gateway = new LocalGateway(port, options.stage(), ChatProtocol.ACTIONS,
                new ChatHandler(composition), new DevIdentityHandler(identity, () -> websocketUrl), log, clock,
                options.concurrency());
        // as on AWS: the token is verified by $connect's authorizer, whose context every later event carries
        gateway.authorizeConnectWith(new ConnectAuthorizer(tokens, clock));
        gateway.start();
        return new LocalChat(gateway, connections, resources);
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
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException | IllegalArgumentException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LocalChat chat = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                System.out.println("stopping: every connection gets $disconnect");
                chat.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
        }, "local-chat-shutdown"));
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
                options.dynamoDbEndpoint().map(e -> "DynamoDB at " + e + ", table " + options.table())
                        .orElse("in memory"));
        Thread.currentThread().join();
    }

}
