package io.chatkit.testkit.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The function jar run the way Lambda's Java runtime runs it: a Java 25 JVM with the runtime's options,
 * AWS's runtime interface client ({@code AWSLambda}) as the main class, the handler named as on the
 * function, and the Runtime API's address in the environment. Ended by stopping the process: the client's
 * native part crashes when the Runtime API answers with an error status, so that is never how it stops.
 */
public final class RuntimeClientProcess implements AutoCloseable {
    public static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    public static final String HANDLER = "io.chatkit.lambda.ChatHandler::handleRequest";

    private final Process process;
    private final Path output;

    private RuntimeClientProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * @param functionJar   chat-lambda's shaded jar, as uploaded to Lambda
     * @param runtimeJars   the folder holding the runtime client and its two libraries (chat-lambda's build
     *                      copies them to {@code target/lambda-runtime})
     * @param runtimeApi    {@code host:port} of the Runtime API
     * @param environment   the function's environment variables
     */
    public static RuntimeClientProcess start(Path functionJar, Path runtimeJars, String runtimeApi,
                                             Map<String, String> environment) throws IOException {
        return start(functionJar, runtimeJars, runtimeApi, environment, HANDLER);
    }

    /** {@link #start(Path, Path, String, Map)} with another handler of the jar ({@code class::method}). */
    public static RuntimeClientProcess start(Path functionJar, Path runtimeJars, String runtimeApi,
                                             Map<String, String> environment, String handler) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(LambdaJvm.requireJava().toString());
        command.addAll(LambdaJvm.LAMBDA_OPTIONS);
        command.add("-cp");
        command.add(classPath(functionJar, runtimeJars));
        command.add(MAIN_CLASS);
        command.add(handler);
        Path output = Files.createTempFile("lambda-runtime-client", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.remove("JAVA_TOOL_OPTIONS");
        env.putAll(environment);
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("_HANDLER", handler);
        env.put("LAMBDA_TASK_ROOT", functionJar.toAbsolutePath().getParent().toString());
        return new RuntimeClientProcess(builder.start(), output);
    }

    private static String classPath(Path functionJar, Path runtimeJars) throws IOException {
        if (!Files.isRegularFile(functionJar)) {
            throw new IllegalStateException("no function jar at " + functionJar.toAbsolutePath()
                    + ": build chat-lambda first (mvn -B -ntp install -DskipTests)");
        }
        List<String> entries = new ArrayList<>();
        entries.add(functionJar.toAbsolutePath().toString());
        try (Stream<Path> jars = Files.list(runtimeJars)) {
            jars.filter(jar -> jar.toString().endsWith(".jar")).sorted()
                    .forEach(jar -> entries.add(jar.toAbsolutePath().toString()));
        }
        if (entries.stream().noneMatch(entry -> entry.contains("runtime-interface-client"))) {
            throw new IllegalStateException("no runtime interface client in " + runtimeJars.toAbsolutePath());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** Everything the process printed so far (its logs), for assertions and failure messages. */
    public String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }
}
