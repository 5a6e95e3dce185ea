package io.chatkit.infra;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * CloudFormation's own linter ({@code cfn-lint}, on the PATH of the build machines; the Python package index
 * is not reachable there, so nothing installs it). Missing, it skips loudly, except under {@code CI=true},
 * where it fails: the templates must be checked there.
 */
final class CfnLint {
    record Result(int exitCode, String output) {
    }

    private CfnLint() {
    }

    static Result lint(Path folder) throws IOException, InterruptedException {
        List<String> templates;
        try (Stream<Path> files = Files.list(folder)) {
            templates = files.map(Path::toString).filter(name -> name.endsWith(".template.json")).sorted().toList();
        }
        if (templates.isEmpty()) {
            throw new AssertionError("no templates in " + folder);
        }
        List<String> command = new ArrayList<>(List.of(executable(), "--format", "parseable"));
        command.addAll(templates);
        // run from the repository root, whose .cfnlintrc lists the ignored rules with their reasons
        Process process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().getParent().toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("cfn-lint did not finish in 5 minutes");
        }
        return new Result(process.exitValue(), output.strip());
    }

    private static String executable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "cfn-lint");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("cfn-lint is not on the PATH, and CI=true: the templates must be linted");
        }
        System.err.println("\n*** WARNING: cfn-lint not found: template validation SKIPPED ***\n");
        Assumptions.abort("cfn-lint is not on the PATH");
        throw new IllegalStateException("unreachable");
    }
}
