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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's synth commands, run as a user runs them after the README's install step (the test command,
 * {@code mvn -B -ntp install}, has installed chat-lambda by the time this module's tests run), and every
 * template they write linted with {@code cfn-lint}: 0 errors, 0 warnings.
 *
 * <p>The CDK CLI itself runs — {@code npx aws-cdk@2 synth -c key=value …} in this folder, the CLI the build installed
 * from the committed {@code package-lock.json} — with the environment a user with credentials has: the CLI always
 * sets {@code CDK_DEFAULT_REGION} (from {@code AWS_REGION}, here a real region) and passes on
 * {@code CDK_DEFAULT_ACCOUNT} (here a real-looking account), so the stacks' ARNs hold values, not CloudFormation's
 * placeholders. Nothing reaches AWS: without credentials the CLI looks up no account, and synth calls no service.
 */
class SynthCommandsTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path ROOT = MODULE.getParent();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a user's shell holds once they have chosen an account and a region. */
    private static final Map<String, String> USER_ENVIRONMENT = Map.of(
            "AWS_REGION", "eu-west-1",
            "CDK_DEFAULT_REGION", "eu-west-1",
            "CDK_DEFAULT_ACCOUNT", "123456789012",
            "AWS_EC2_METADATA_DISABLED", "true");

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("default", Map.of(), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("frontend", Map.of("frontend", "true"), List.of("Auth", "Database", "WebSocket", "Monitoring", "Frontend")),
                Arguments.of("operations", Map.of("tracing", "true", "apiGatewayAccountRole", "create",
                        "alarmTopicArn", "arn:aws:sns:eu-west-1:123456789012:ops", "logRetentionDays", "90",
                        "logLevel", "debug"), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("no-snapstart", Map.of("snapStart", "false"), List.of("Auth", "Database", "WebSocket", "Monitoring")),
                Arguments.of("existing-user-pool", Map.of("userPoolId", "eu-west-1_AbCdEf123", "clientId",
                        "1example23456789abcdefghij", "env", "prod"), List.of("Database", "WebSocket", "Monitoring")));
    }

    @Test
    void mvn_exec_java_from_the_repository_root_writes_every_template_to_chat_infra_cdk_out() throws Exception {
        Path cdkOut = MODULE.resolve("cdk.out");
        deleteRecursively(cdkOut);

        run(ROOT, List.of("mvn", "-B", "-q", "-pl", "chat-infra", "exec:java"), USER_ENVIRONMENT);

        assertTemplates(cdkOut, "dev", List.of("Auth", "Database", "WebSocket", "Monitoring"));
        assertRegionIn(cdkOut, "dev");
        assertLintClean(cdkOut);
    }

    @ParameterizedTest(name = "npx aws-cdk@2 synth {0}")
    @MethodSource("combinations")
    void the_cdk_cli_writes_every_template_and_cfn_lint_finds_nothing(
            String name, Map<String, String> context, List<String> stacks) throws Exception {
        requireNode();
        Path cdkOut = MODULE.resolve("cdk.out");
        deleteRecursively(cdkOut);
        List<String> command = new ArrayList<>(List.of("npx", "aws-cdk@2", "synth"));
        context.forEach((key, value) -> command.addAll(List.of("-c", key + "=" + value)));

        run(MODULE, command, USER_ENVIRONMENT);

        String env = context.getOrDefault("env", "dev");
        assertTemplates(cdkOut, env, stacks);
        assertRegionIn(cdkOut, env);
        assertLintClean(cdkOut);
    }

    @Test
    void the_cdk_cli_is_the_one_the_build_installed_from_the_lock_file() throws Exception {
        requireNode();
        JsonNode lock = JSON.readTree(MODULE.resolve("package-lock.json").toFile());
        String locked = lock.at("/packages/node_modules~1aws-cdk/version").asText();
        Path log = Files.createTempFile("cdk-version", ".log");

        run(MODULE, List.of("npx", "aws-cdk@2", "--version"), USER_ENVIRONMENT, log);

        assertThat(locked).isNotEmpty();
        assertThat(Files.readString(log)).contains(locked);
    }

    /** The CLI needs Node.js: without it these skip loudly, except under {@code CI=true}, where they fail. */
    private static void requireNode() {
        if (Files.isRegularFile(MODULE.resolve(Path.of("node_modules", "aws-cdk", "package.json")))) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("the CDK CLI is not installed (npm ci in chat-infra), and CI=true");
        }
        System.err.println("\n*** WARNING: Node.js or the CDK CLI is missing: the CLI's synth tests are SKIPPED ***\n");
        Assumptions.abort("the CDK CLI is not installed");
    }

    /** The stacks were synthesized for the user's region, as the CLI asked: the ARNs hold it, not a placeholder. */
    private static void assertRegionIn(Path out, String env) throws IOException {
        JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.at("/artifacts/Chatkit-" + env + "-WebSocket/environment").asText())
                .isEqualTo("aws://123456789012/eu-west-1");
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
        run(directory, command, environment, Files.createTempFile("synth", ".log"));
    }

    private static void run(Path directory, List<String> command, Map<String, String> environment, Path log)
            throws Exception {
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
