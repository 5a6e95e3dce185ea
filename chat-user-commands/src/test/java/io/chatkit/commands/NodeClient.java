package io.chatkit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** {@code src/test/node/two-users.mjs} on Node's ws (installed by the build from this module's lock file). */
final class NodeClient {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    private NodeClient() {
    }

    /** Runs the two-user session against a running chat; what it printed ({@code extensions}, {@code delivered}). */
    static JsonNode twoUsers(String httpUrl, String websocketUrl) throws Exception {
        requireWs();
        Path output = Files.createTempFile("two-users", ".log");
        Process node = new ProcessBuilder(List.of("node", "src/test/node/two-users.mjs", httpUrl, websocketUrl))
                .directory(MODULE.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("the session finished").isTrue();
        String printed = Files.readString(output, StandardCharsets.UTF_8).strip();
        assertThat(node.exitValue()).as("two-users.mjs:\n" + printed).isZero();
        return new ObjectMapper().readTree(printed.lines().reduce((first, last) -> last).orElseThrow());
    }

    private static void requireWs() {
        if (Files.isRegularFile(MODULE.resolve(Path.of("node_modules", "ws", "package.json")))) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("Node's ws is not installed (npm ci in chat-user-commands), and CI=true");
        }
        System.err.println("\n*** WARNING: Node.js or ws is missing: the WebSocket sessions are SKIPPED ***\n");
        Assumptions.abort("ws is not installed");
    }
}
