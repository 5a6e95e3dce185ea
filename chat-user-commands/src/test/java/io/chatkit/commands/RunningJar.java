package io.chatkit.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar …} started from the repository root as a user starts it, on the JDK running the tests (the
 * README asks for Java 17), its output kept in a file to read while it runs.
 */
final class RunningJar implements AutoCloseable {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private final Process process;
    private final Path output;

    private RunningJar(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static RunningJar start(String jar, String... args) throws IOException {
        Path jarFile = ROOT.resolve(jar);
        if (!Files.isRegularFile(jarFile)) {
            throw new AssertionError(jar + " was not built: run the README's test command, mvn -B -ntp install");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("running-jar", ".log");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new RunningJar(process, output);
    }

    /** Waits until the output has a line matching {@code pattern}; its match (for the groups). */
    Matcher awaitLine(Pattern pattern, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            if (!process.isAlive()) {
                throw new AssertionError("the process ended (exit " + process.exitValue() + ") before printing "
                        + pattern + ":\n" + output());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no line matching " + pattern + " within " + within + ":\n" + output());
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(output, StandardCharsets.UTF_8);
    }

    String output() throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    /** Waits for the process to end by itself. */
    int exitCode(Duration within) throws Exception {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + within + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Ctrl-C's signal (SIGTERM): the runtime shuts down gracefully; its exit code. */
    int interrupt() throws Exception {
        process.destroy();
        return exitCode(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
