package io.chatkit.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The README's synth commands, run as a user runs them after the README's install step (the test command,
 * {@code mvn -B -ntp install}, has installed chat-lambda by the time this module's tests run), and every
 * template they write linted with {@code cfn-lint}: 0 errors, 0 warnings.
 *
 * <p>{@code npx aws-cdk@2 synth -c key=value} runs the {@code app} command of {@code cdk.json} with the
 * context in {@code CDK_CONTEXT_JSON} and the output folder in {@code CDK_OUTDIR}; the tests run that command
 * the same way, for every supported combination of options. The CLI itself is not run here: it contacts AWS
 * (account lookup, notices, telemetry), which the build machines cannot and must not reach.
 */
class SynthCommandsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("default", Map.of(), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("frontend", Map.of("frontend", "true"), List.of("Auth", "Database", "WebSocket", "Monitoring", "Frontend")),
                Arguments.of("operations", Map.of("tracing", "true", "apiGatewayAccountRole", "create",
                        "alarmTopicArn", "arn:aws:sns:us-east-1:123456789012:ops", "logRetentionDays", "90",
                        "logLevel", "debug"), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("no-snapstart", Map.of("snapStart", "false"), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("existing-user-pool", Map.of("userPoolId", "us-east-1_AbCdEf123", "clientId",
                        "1example23456789abcdefghij", "env", "prod"), List.of("Database", "WebSocket", "Monitoring")));
    }

    @Test
    void mvn_exec_java_from_the_repository_root_writes_every_template_to_chat_infra_cdk_out() throws Exception {
        Path cdkOut = MODULE.resolve("cdk.out");
        deleteRecursively(cdkOut);

        run(ROOT, List.of("mvn", "-B", "-q", "-pl", "chat-infra", "exec:java"), Map.of());

        assertTemplates(cdkOut, "dev", List.of("Auth", "Database", "WebSocket", "Monitoring"));
        assertLintClean(cdkOut);
    }

    @ParameterizedTest(name = "cdk synth {0}")
    @MethodSource("combinations")
    void the_cdk_app_command_writes_every_template_and_cfn_lint_finds_nothing(
            String name, Map<String, String> context, List<String> stacks) throws Exception {
        Path out = MODULE.resolve(Path.of("target", "synth", name));
        deleteRecursively(out);

        run(MODULE, appCommand(), Map.of(
                "CDK_OUTDIR", out.toString(),
                "CDK_CONTEXT_JSON", JSON.writeValueAsString(context)));

        assertTemplates(out, context.getOrDefault("env", "dev"), stacks);
        assertLintClean(out);
    }

    /** The command cdk.json gives the CLI, split as a shell would. */
    private static List<String> appCommand() throws IOException {
        JsonNode cdkJson = JSON.readTree(MODULE.resolve("cdk.json").toFile());
        return List.of(cdkJson.path("app").asText().split(" +"));
    }

    private static void assertTemplates(Path out, String env, List<String> stacks) throws IOException {
        List<String> expected = stacks.stream().map(stack -> "Chatkit-" + env + "-" + stack + ".template.json").toList();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString()).filter(file -> file.endsWith(".template.json")))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
        for (String template : expected) {
            assertThat(JSON.readTree(out.resolve(template).toFile()).path("Resources").size())
                    .as(template + " has resources").isPositive();
        }
    }

    private static void assertLintClean(Path out) throws Exception {
        CfnLint.Result lint = CfnLint.lint(out);
        assertThat(lint.output()).as("cfn-lint findings in " + out).isEmpty();
        assertThat(lint.exitCode()).as("cfn-lint exit code").isZero();
    }

    private static void run(Path directory, List<String> command, Map<String, String> environment) throws Exception {
        Path log = Files.createTempFile("synth", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CDK_OUTDIR");
        builder.environment().remove("CDK_CONTEXT_JSON");
        builder.environment().remove("MAVEN_ARGS");
        builder.environment().put("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish in 10 minutes:\n" + Files.readString(log));
        }
        assertThat(process.exitValue()).as(String.join(" ", command) + " in " + directory + " failed:\n"
                + Files.readString(log, StandardCharsets.UTF_8)).isZero();
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
