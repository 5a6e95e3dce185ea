package io.chatkit.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No module declares a dependency in test (or provided) scope that its main code also gets, through another
 * dependency, at compile or run time. Maven's nearest declaration wins, so such a declaration takes the artifact
 * out of the module's runnable jar (shaded or {@code exec:java}) while every test still sees it: how
 * {@code java -jar chat-server.jar} once died with {@code NoClassDefFoundError} on a green build. Maven's verbose
 * dependency tree marks exactly that case "scope not updated to compile".
 */
class TestScopeHidesNothingTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern HIDDEN =
            Pattern.compile(":(test|provided) \\(.*scope not updated to (compile|runtime)");

    @Test
    void no_test_scoped_declaration_removes_what_a_module_needs_at_run_time() throws Exception {
        Path tree = Files.createTempFile("dependency-tree", ".txt");
        Files.delete(tree);
        Path log = Files.createTempFile("dependency-tree", ".log");
        Process maven = new ProcessBuilder("mvn", "-B", "-ntp", "-q", "dependency:tree", "-Dverbose",
                "-DappendOutput=true", "-DoutputFile=" + tree)
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(maven.waitFor(5, TimeUnit.MINUTES)).as("mvn dependency:tree finished").isTrue();
        assertThat(maven.exitValue()).as("mvn dependency:tree:\n" + Files.readString(log)).isZero();

        List<String> lines = Files.readAllLines(tree, StandardCharsets.UTF_8);
        assertThat(lines).as("the tree of every module").anyMatch(line -> line.startsWith("io.chatkit:chat-server:"));
        assertThat(hidden(lines)).as("declarations that hide a run-time dependency (module → line)").isEmpty();
    }

    /** Each offending line with the module it belongs to. */
    private static List<String> hidden(List<String> lines) {
        String module = "?";
        List<String> found = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("io.chatkit:")) {
                module = line;
            } else if (HIDDEN.matcher(line).find()) {
                found.add(module + " → " + line.strip());
            }
        }
        return found;
    }
}
