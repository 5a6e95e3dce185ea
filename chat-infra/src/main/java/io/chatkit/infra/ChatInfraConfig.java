package io.chatkit.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.constructs.Node;

/**
 * What a deployment may choose, read from CDK context ({@code cdk deploy -c env=prod -c frontend=true}).
 *
 * @param envName           names the table, the stage and the stacks; {@code prod} keeps the table on delete
 * @param userPoolId        an existing Cognito pool to use instead of creating one (with {@code clientId})
 * @param clientId          the existing pool's app client
 * @param frontend          also host the web client on S3 + CloudFront
 * @param memoryMb          the functions' memory
 * @param timeoutSeconds    the functions' timeout
 * @param snapStart         SnapStart on published versions, integrations through a {@code live} alias (default on)
 * @param lambdaJar         the functions' code: chat-lambda's shaded jar
 * @param webClient         the web client's static files, for the Frontend stack
 * @param operations        logs, tracing, alarms (see {@link Operations})
 * @param selfSignUp        anyone may sign up in the created user pool (default off: users are created by an
 *                          administrator or your backend)
 * @param reserved          reserved concurrency per function (default none: a new account's concurrency limit
 *                          leaves nothing to reserve)
 * @param attachmentOrigins the origins whose pages may upload to and download from the attachments' bucket (CORS);
 *                          default {@code *}: a request needs the chat's signature anyway. Set your web client's
 *                          origin (context {@code attachmentOrigins}, comma-separated) to narrow it
 */
public record ChatInfraConfig(String envName, Optional<String> userPoolId, Optional<String> clientId, boolean frontend,
                              int memoryMb, int timeoutSeconds, boolean snapStart, Path lambdaJar, Path webClient,
                              Operations operations, boolean selfSignUp, ReservedConcurrency reserved,
                              List<String> attachmentOrigins) {

    /**
     * Concurrent executions set aside for each function, so that one route's load cannot take what the others need
     * (and cannot grow past it); empty leaves the function on the account's unreserved pool.
     */
    public record ReservedConcurrency(Optional<Integer> connect, Optional<Integer> disconnect,
                                      Optional<Integer> messages) {
        public static final ReservedConcurrency NONE =
                new ReservedConcurrency(Optional.empty(), Optional.empty(), Optional.empty());

        public ReservedConcurrency {
            for (Optional<Integer> each : java.util.List.of(connect, disconnect, messages)) {
                if (each.filter(n -> n < 1).isPresent()) {
                    throw new IllegalArgumentException("reserved concurrency must be at least 1: " + each.get());
                }
            }
        }
    }
    /**
     * This module's folder: the {@code chatkit.infra.dir} system property (the exec plugin sets it, so
     * {@code mvn -pl chat-infra exec:java} from the repository root and {@code cdk synth} from this folder
     * see the same paths), else the working directory.
     */
    public static final Path MODULE_DIR = Path.of(System.getProperty("chatkit.infra.dir", "")).toAbsolutePath();
    public static final Path DEFAULT_LAMBDA_JAR = MODULE_DIR.resolve(
            Path.of("..", "chat-lambda", "target", "chat-lambda-0.1.0-SNAPSHOT-aws.jar")).normalize();
    public static final Path DEFAULT_WEB_CLIENT = MODULE_DIR.resolve(
            Path.of("..", "chat-web", "src", "main", "resources", "web")).normalize();

    public ChatInfraConfig {
        if (!envName.matches("[a-z][a-z0-9-]{0,19}")) {
            throw new IllegalArgumentException("env must be 1-20 lowercase letters, digits or dashes: " + envName);
        }
        attachmentOrigins = List.copyOf(attachmentOrigins);
        if (attachmentOrigins.isEmpty()) {
            throw new IllegalArgumentException("give at least one origin for attachments (or *)");
        }
        if (userPoolId.isPresent() != clientId.isPresent()) {
            throw new IllegalArgumentException("give both userPoolId and clientId, or neither");
        }
    }

    public static ChatInfraConfig defaults(String envName) {
        return new ChatInfraConfig(envName, Optional.empty(), Optional.empty(), false, 1024, 15, true,
                DEFAULT_LAMBDA_JAR, DEFAULT_WEB_CLIENT, Operations.DEFAULTS, false, ReservedConcurrency.NONE,
                List.of("*"));
    }

    public static ChatInfraConfig fromContext(Node node) {
        ChatInfraConfig defaults = defaults(text(node, "env").orElse("dev"));
        return new ChatInfraConfig(defaults.envName(),
                text(node, "userPoolId"), text(node, "clientId"),
                text(node, "frontend").map(Boolean::parseBoolean).orElse(false),
                text(node, "memoryMb").map(Integer::parseInt).orElse(defaults.memoryMb()),
                text(node, "timeoutSeconds").map(Integer::parseInt).orElse(defaults.timeoutSeconds()),
                text(node, "snapStart").map(Boolean::parseBoolean).orElse(defaults.snapStart()),
                text(node, "lambdaJar").map(MODULE_DIR::resolve).orElse(DEFAULT_LAMBDA_JAR),
                text(node, "webClient").map(MODULE_DIR::resolve).orElse(DEFAULT_WEB_CLIENT),
                new Operations(
                        text(node, "logRetentionDays").map(Integer::parseInt).orElse(Operations.DEFAULTS.logRetentionDays()),
                        text(node, "logLevel").map(String::toUpperCase).orElse(Operations.DEFAULTS.logLevel()),
                        text(node, "tracing").map(Boolean::parseBoolean).orElse(false),
                        text(node, "accessLogs").map(Boolean::parseBoolean).orElse(true),
                        text(node, "apiGatewayAccountRole").map("create"::equals).orElse(false),
                        text(node, "alarmTopicArn")),
                text(node, "selfSignUp").map(Boolean::parseBoolean).orElse(false),
                new ReservedConcurrency(text(node, "connectConcurrency").map(Integer::parseInt),
                        text(node, "disconnectConcurrency").map(Integer::parseInt),
                        text(node, "messageConcurrency").map(Integer::parseInt)),
                text(node, "attachmentOrigins").map(origins -> List.of(origins.split(",")))
                        .orElse(defaults.attachmentOrigins()));
    }

    public ChatInfraConfig withExistingUserPool(String poolId, String appClientId) {
        return new ChatInfraConfig(envName, Optional.of(poolId), Optional.of(appClientId), frontend, memoryMb,
                timeoutSeconds, snapStart, lambdaJar, webClient, operations, selfSignUp, reserved, attachmentOrigins);
    }

    public ChatInfraConfig withFrontend() {
        return new ChatInfraConfig(envName, userPoolId, clientId, true, memoryMb, timeoutSeconds, snapStart, lambdaJar,
                webClient, operations, selfSignUp, reserved, attachmentOrigins);
    }

    public ChatInfraConfig withSnapStart(boolean on) {
        return new ChatInfraConfig(envName, userPoolId, clientId, frontend, memoryMb, timeoutSeconds, on, lambdaJar,
                webClient, operations, selfSignUp, reserved, attachmentOrigins);
    }

    public ChatInfraConfig withOperations(Operations newOperations) {
        return new ChatInfraConfig(envName, userPoolId, clientId, frontend, memoryMb, timeoutSeconds, snapStart,
                lambdaJar, webClient, newOperations, selfSignUp, reserved, attachmentOrigins);
    }

    public ChatInfraConfig withSelfSignUp(boolean on) {
        return new ChatInfraConfig(envName, userPoolId, clientId, frontend, memoryMb, timeoutSeconds, snapStart,
                lambdaJar, webClient, operations, on, reserved, attachmentOrigins);
    }

    public ChatInfraConfig withReservedConcurrency(ReservedConcurrency concurrency) {
        return new ChatInfraConfig(envName, userPoolId, clientId, frontend, memoryMb, timeoutSeconds, snapStart,
                lambdaJar, webClient, operations, selfSignUp, concurrency, attachmentOrigins);
    }

    public boolean isProduction() {
        return envName.equals("prod");
    }

    private static Optional<String> text(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null ? Optional.empty() : Optional.of(value.toString());
    }
}
