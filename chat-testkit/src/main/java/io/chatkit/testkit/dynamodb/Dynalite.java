package io.chatkit.testkit.dynamodb;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.concurrent.atomic.AtomicReference;
import io.chatkit.testkit.fixtures.NodeServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * dynalite, an in-memory server speaking DynamoDB's wire protocol, started once per test JVM on a loopback port
 * the system picks ({@code npm ci} has installed it, see {@code build-support/npm-ci.sh}) and killed
 * when the JVM exits. Without node, the tests are skipped loudly, except under {@code CI=true}, where
 * they fail.
 */
public final class Dynalite {
    /** Where {@code npm ci} put it: this module, or beside a module that borrows this class. */
    private static final List<Path> CLI_LOCATIONS = List.of(
            Path.of("node_modules", "dynalite", "cli.js"), // your project: npm install dynalite
            Path.of("..", "chat-adapter-dynamodb", "node_modules", "dynalite", "cli.js"),
            Path.of("chat-adapter-dynamodb", "node_modules", "dynalite", "cli.js"));
    private static final AtomicReference<Dynalite> SHARED = new AtomicReference<>();

    private final Process process;
    private final URI endpoint;

    private Dynalite(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static synchronized Dynalite shared() {
        if (SHARED.get() == null) {
            SHARED.set(start());
        }
        return SHARED.get();
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                // dynalite is one node process: under the concurrency suite's load it accepts slowly
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(java.time.Duration.ofSeconds(15))
                        .socketTimeout(java.time.Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors)).build())
                .build();
    }

    /**
     * A fresh table, made by {@code create} (the table's owner knows its schema: for chatkit's, pass
     * {@code ChatTable::createIfMissing}).
     */
    public String newTable(BiConsumer<DynamoDbClient, String> create) {
        String name = "chat-" + UUID.randomUUID();
        try (DynamoDbClient client = client()) {
            create.accept(client, name);
        }
        return name;
    }

    private static Dynalite start() {
        Optional<Path> cli = CLI_LOCATIONS.stream().filter(Files::exists).findFirst();
        String node = NodeServer.nodeFor("dynalite", "DynamoDB adapter", cli);
        try {
            NodeServer.Started started = NodeServer.start(node, LISTEN_ON_ANY_PORT, "dynalite port ",
                    Optional.of(Files.createTempFile("dynalite", ".log")),
                    cli.orElseThrow().toAbsolutePath().getParent().resolve("index.js").toString());
            return new Dynalite(started.process(), URI.create("http://127.0.0.1:" + started.port()));
        } catch (IOException e) {
            throw new IllegalStateException("could not start dynalite", e);
        }
    }

    /** Starts dynalite as its command line does, but on port 0, and prints the port the system gave it. */
    private static final String LISTEN_ON_ANY_PORT = "const server = require(process.argv[1])"
            + "({createTableMs: 0, deleteTableMs: 0, updateTableMs: 0});"
            + "server.listen(0, '127.0.0.1', () => console.log('dynalite port ' + server.address().port));";

    boolean isRunning() {
        return process.isAlive();
    }
}
