package io.chatkit.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library as a user gets it. chatkit's parent, BOM, core and testkit are deployed to a file repository in
 * {@code target/published}; then a project of a user's ({@code src/test/consumer}: its own
 * {@code ConnectionStore}, tested with the published contract) is built with a local repository of its own,
 * so every chatkit artifact it uses comes from the published repository — never from this build or from
 * {@code ~/.m2}.
 */
class PublishedLibraryTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    /** Kept between builds so that Maven's plugins and JUnit are downloaded once; chatkit's snapshots are re-read (-U). */
    private static final Path CONSUMER_REPOSITORY = Path.of(System.getProperty("user.home"), ".m2",
            "chatkit-consumer-check");

    @Test
    void a_project_built_from_the_published_artifacts_passes_the_published_contract() throws Exception {
        Path published = MODULE.resolve(Path.of("target", "published"));
        deleteRecursively(published);
        run(ROOT, "mvn", "-B", "-q", "deploy", "-pl", "chat-bom,chat-core,chat-testkit", "-am", "-DskipTests",
                "-DaltDeploymentRepository=published::default::" + published.toUri());
        assertThat(published.resolve(Path.of("io", "chatkit", "chat-testkit", "0.1.0-SNAPSHOT"))).isDirectory();

        Path consumer = MODULE.resolve(Path.of("target", "consumer"));
        deleteRecursively(consumer);
        copyRecursively(MODULE.resolve(Path.of("src", "test", "consumer")), consumer);
        run(consumer, "mvn", "-B", "-U", "test", "-Dmaven.repo.local=" + CONSUMER_REPOSITORY,
                "-Dchatkit.repository=" + published.toUri());

        String report = Files.readString(consumer.resolve(Path.of("target", "surefire-reports",
                "TEST-com.example.chat.MapConnectionStoreTest.xml")));
        Matcher counts = Pattern.compile("tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"")
                .matcher(report);
        assertThat(counts.find()).as(report).isTrue();
        assertThat(Integer.parseInt(counts.group(1))).as("contract tests run").isGreaterThanOrEqualTo(5);
        assertThat(counts.group(2) + counts.group(3) + counts.group(4)).isEqualTo("000");
        assertThat(CONSUMER_REPOSITORY.resolve(Path.of("io", "chatkit", "chat-testkit", "0.1.0-SNAPSHOT"))
                .resolve("_remote.repositories")).content().contains("chatkit");
    }

    private static void run(Path directory, String... command) throws Exception {
        Path log = Files.createTempFile("consumer-check", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + " in " + directory + ":\n"
                + Files.readString(log, StandardCharsets.UTF_8)).isZero();
    }

    private static void copyRecursively(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
