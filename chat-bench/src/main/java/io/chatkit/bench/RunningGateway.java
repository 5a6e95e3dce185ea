package io.chatkit.bench;

import io.chatkit.testkit.websocket.ChatEndpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar chat-local.jar} in its own JVM, as a user starts it (the JDK running the bench), on a free port
 * with the limits out of the way; stopped the Ctrl-C way.
 */
final class RunningGateway implements AutoCloseable {
    private static final Pattern OPEN = Pattern.compile("open +(http://127\\.0\\.0\\.1:\\d+/)");

    private final Process process;
    private final ChatEndpoint endpoint;

    private RunningGateway(Process process, ChatEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static RunningGateway start(Path jar) throws IOException {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--quiet", "--frames-burst", "1000000",
                "--frames-per-second", "1000", "--room-changes-per-hour", "1000000"))
                .redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            Matcher open = OPEN.matcher(line);
            if (open.find()) {
                Thread drain = new Thread(() -> drain(output), "gateway-output");
                drain.setDaemon(true);
                drain.start();
                String http = open.group(1);
                return new RunningGateway(process, new ChatEndpoint(http, http.replace("http://", "ws://") + "local"));
            }
        }
        throw new IllegalStateException(jar + " ended without printing where it listens (exit " + process.exitValue()
                + ")");
    }

    /** Reads what the gateway prints, so its pipe never fills, until the process ends. */
    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // nothing to keep: --quiet leaves only the banner and warnings
            }
        } catch (IOException ended) {
            // the process is gone
        }
    }

    ChatEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
