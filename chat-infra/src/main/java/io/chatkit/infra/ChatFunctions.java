package io.chatkit.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.ApplicationLogLevel;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.SystemLogLevel;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * The stack's Java functions, all from the chat's jar: each with its own log group (kept {@code logRetentionDays}),
 * Lambda's JSON log format (its application log level filters the chat's JSON lines by their {@code level}; EMF
 * lines carry none and always pass), X-Ray tracing when asked, and, with SnapStart, a {@code live} alias on the
 * published version for API Gateway to call.
 */
final class ChatFunctions {
    private final Stack stack;
    private final ChatInfraConfig config;
    private final Map<String, Function> byId = new LinkedHashMap<>();

    ChatFunctions(Stack stack, ChatInfraConfig config) {
        this.stack = stack;
        this.config = config;
    }

    /** A function running {@code handler} as {@code role}; what API Gateway calls (the alias with SnapStart). */
    IFunction create(String id, String handler, Role role, Map<String, String> environment,
                     Optional<Integer> reservedConcurrency) {
        LogGroup logs = LogGroup.Builder.create(stack, id + "Logs")
                .retention(StageAccessLogs.retention(config))
                .removalPolicy(config.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Function.Builder builder = Function.Builder.create(stack, id)
                .runtime(WebSocketStack.RUNTIME)
                .handler(handler)
                .code(Code.fromAsset(config.lambdaJar().toString()))
                .memorySize(config.memoryMb())
                .timeout(Duration.seconds(config.timeoutSeconds()))
                .role(role)
                .environment(environment)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .applicationLogLevelV2(ApplicationLogLevel.valueOf(config.operations().logLevel()))
                .systemLogLevelV2(SystemLogLevel.WARN)
                .tracing(config.operations().tracing() ? Tracing.ACTIVE : Tracing.DISABLED);
        if (config.snapStart()) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        reservedConcurrency.ifPresent(builder::reservedConcurrentExecutions);
        Function function = builder.build();
        byId.put(id, function);
        if (config.operations().tracing()) {
            NagFindings.accept(role, "AwsSolutions-IAM5", "X-Ray's PutTraceSegments and PutTelemetryRecords take no "
                    + "resource narrower than *", "Resource::*");
        }
        if (!config.snapStart()) {
            return function;
        }
        return Alias.Builder.create(stack, id + "Live").aliasName("live").version(function.getCurrentVersion()).build();
    }

    /** The functions made so far, by construct id. */
    Map<String, Function> byId() {
        return Map.copyOf(byId);
    }
}
