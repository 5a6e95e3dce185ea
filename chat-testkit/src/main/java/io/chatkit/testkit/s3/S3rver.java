package io.chatkit.testkit.s3;

import io.chatkit.testkit.fixtures.NodeServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * s3rver, a server speaking S3's REST protocol (MIT), started once per test JVM on a loopback port the system
 * picks, with its files in a temporary folder and one bucket, {@link #BUCKET}; killed when the JVM exits. The
 * build installs it ({@code npm ci} in chat-adapter-s3). Without node the tests are skipped loudly, except under
 * {@code CI=true}, where they fail.
 *
 * <p>What it checks of a signed request: the credentials and the time it ends. It does not recompute Signature
 * Version 4 signatures ({@code lib/middleware/authentication.js}: "unimplemented"), so a test of what a signature
 * binds (size, type) looks at what was signed, and S3 itself enforces it.
 */
public final class S3rver {
    public static final String BUCKET = "chat-attachments";
    /** The credentials s3rver knows. */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";
    private static final List<Path> INSTALLED = List.of(
            Path.of("node_modules", "s3rver"),
            Path.of("..", "chat-adapter-s3", "node_modules", "s3rver"),
            Path.of("chat-adapter-s3", "node_modules", "s3rver"));
    private static final AtomicReference<S3rver> SHARED = new AtomicReference<>();

    private final URI endpoint;

    private S3rver(URI endpoint) {
        this.endpoint = endpoint;
    }

    public static synchronized S3rver shared() {
        if (SHARED.get() == null) {
            SHARED.set(start());
        }
        return SHARED.get();
    }

    /** Where to send S3 requests (path-style: {@code endpoint/bucket/key}). */
    public URI endpoint() {
        return endpoint;
    }

    private static S3rver start() {
        Optional<Path> module = INSTALLED.stream().filter(Files::isDirectory).findFirst();
        String node = NodeServer.nodeFor("s3rver", "S3 adapter", module);
        try {
            NodeServer.Started started = NodeServer.start(node, LISTEN_ON_ANY_PORT, "s3rver port ",
                    Optional.empty(), module.orElseThrow().toAbsolutePath().toString(),
                    Files.createTempDirectory("s3rver").toString(), BUCKET);
            return new S3rver(URI.create("http://127.0.0.1:" + started.port()));
        } catch (IOException e) {
            throw new IllegalStateException("could not start s3rver", e);
        }
    }

    /**
     * Starts s3rver on port 0 with the bucket made, and prints the port the system gave it. Besides its own
     * credentials it knows {@code local}/{@code local}, the ones the project's other local servers take.
     */
    private static final String LISTEN_ON_ANY_PORT = "const S3rver = require(process.argv[1]);"
            + "require(process.argv[1] + '/lib/models/account').DUMMY_ACCOUNT.createKeyPair('local', 'local');"
            + "new S3rver({port: 0, address: '127.0.0.1', silent: true, directory: process.argv[2],"
            + " configureBuckets: [{name: process.argv[3], configs: []}]}).run()"
            + ".then(address => console.log('s3rver port ' + address.port))"
            + ".catch(e => { console.error(e); process.exit(1); });";
}
