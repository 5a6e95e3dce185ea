package io.chatkit.lambda.telemetry;

import io.chatkit.logging.Invocation;
import io.chatkit.logging.LogLines;
import io.chatkit.core.port.out.PushResult;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the handler tells its operators about each invocation: one log line (route, outcome, duration, status, the
 * user once known) and, on Lambda, one EMF document of metrics. {@link #lambda} for functions (JSON lines, metrics
 * in the namespace {@code METRICS_NAMESPACE}), {@link #local} for a terminal (readable lines, no metrics).
 */
public final class Telemetry {
    public static final String DEFAULT_NAMESPACE = "Chatkit";

    /** Where a process's store calls stand: retries and throttled calls so far, for the difference per invocation. */
    public record StoreCalls(long retries, long throttled) {
        public static final StoreCalls NONE = new StoreCalls(0, 0);

        StoreCalls since(StoreCalls earlier) {
            return new StoreCalls(retries - earlier.retries, throttled - earlier.throttled);
        }
    }

    private final boolean records;
    private volatile Supplier<StoreCalls> storeCalls = () -> StoreCalls.NONE;
    private final Optional<String> namespace;
    private final Consumer<String> out;
    private volatile boolean coldStart = true;
    private volatile boolean restored;

    private Telemetry(boolean records, Optional<String> namespace, Consumer<String> out) {
        this.records = records;
        this.namespace = namespace;
        this.out = out;
    }

    /**
     * EMF metrics on standard output, beside the JSON log lines the Lambda entry installs there
     * ({@link #installLambdaLogging}).
     */
    public static Telemetry lambda(Map<String, String> env) {
        return json(Optional.of(env.getOrDefault("METRICS_NAMESPACE", DEFAULT_NAMESPACE)), System.out::println);
    }

    /**
     * Lambda's logging, once, at the runtime's entry: every record a JSON line on standard output at
     * {@code AWS_LAMBDA_LOG_LEVEL}.
     */
    public static void installLambdaLogging(Map<String, String> env) {
        LogLines.install(LogLines.Format.JSON, LogLines.levelNamed(env.get("AWS_LAMBDA_LOG_LEVEL")), System.out::println);
    }

    /**
     * The handler's records (and metrics, when a namespace is given) as JSON lines to {@code out}: Lambda's, or a
     * test's. Logging itself is the runtime's to install ({@code LogLines.install}).
     */
    public static Telemetry json(Optional<String> metricsNamespace, Consumer<String> out) {
        return new Telemetry(true, metricsNamespace, out);
    }

    /** The handler's records as readable lines on standard error, no metrics: for the local runtime in a terminal. */
    public static Telemetry local() {
        return new Telemetry(true, Optional.empty(), System.err::println);
    }

    /** Leaves logging as it is and reports nothing: for tests of other things and for embedders' own logging. */
    public static Telemetry silent() {
        return new Telemetry(false, Optional.empty(), line -> { });
    }

    /** Where the store's calls are counted (the DynamoDB client's retries and throttles); none by default. */
    public Telemetry countingStoreCalls(Supplier<StoreCalls> counts) {
        this.storeCalls = counts;
        return this;
    }

    /** After a SnapStart restore: the next invocation is the restored copy's first. */
    public void restored() {
        restored = true;
        coldStart = true;
    }

    /** Starts an invocation's record; close the scope when it is done. */
    public Running start(Invocation invocation) {
        return new Running(invocation, LogLines.during(invocation), storeCalls.get());
    }

    /** An invocation being handled. */
    public final class Running implements AutoCloseable {
        private final Invocation invocation;
        private final LogLines.Scope scope;
        private final StoreCalls dynamoDbBefore;
        private Invocation current;
        private Optional<String> user = Optional.empty();

        private Running(Invocation invocation, LogLines.Scope scope, StoreCalls dynamoDbBefore) {
            this.invocation = invocation;
            this.current = invocation;
            this.scope = scope;
            this.dynamoDbBefore = dynamoDbBefore;
        }

        public void route(String route) {
            current = current.withRoute(route);
        }

        public void user(String userId) {
            user = Optional.of(userId);
            scope.user(userId);
        }

        /**
         * Writes the invocation's line and metrics. {@code outcome} is {@code ok} or an error code; {@code pushed},
         * a send's fan-out (empty for any other route).
         */
        public void finish(int status, String outcome, Collection<PushResult> pushed) {
            long millis = invocation.elapsedMillis();
            if (records) {
                LogLines.request(current.route(), outcome, status, millis, user);
            }
            namespace.ifPresent(ns -> out.accept(metrics(ns, outcome, status, millis, pushed,
                    current.route().equals("sendMessage"))));
        }

        private String metrics(String ns, String outcome, int status, long millis, Collection<PushResult> pushed,
                               boolean send) {
            StoreCalls dynamoDb = storeCalls.get().since(dynamoDbBefore);
            EmbeddedMetrics metrics = new EmbeddedMetrics(ns, current.route(), outcome, millis)
                    .count("ServerErrors", status >= 500 ? 1 : 0)
                    .count("ColdStart", coldStart ? 1 : 0)
                    .count("Restored", restored ? 1 : 0)
                    .count("DynamoDbRetries", dynamoDb.retries())
                    .count("DynamoDbThrottled", dynamoDb.throttled());
            coldStart = false;
            restored = false;
            if (send) {
                metrics.count("FanOut", pushed.size())
                        .count("Deliveries", count(pushed, PushResult.Delivered.class, null))
                        .count("Gone", count(pushed, PushResult.Gone.class, null))
                        .count("PushFailed", count(pushed, PushResult.Failed.class, null))
                        .count("PushThrottled", count(pushed, PushResult.Failed.class, PushResult.Reason.THROTTLED))
                        .count("PushForbidden", count(pushed, PushResult.Failed.class, PushResult.Reason.FORBIDDEN))
                        .count("PushTooLarge", count(pushed, PushResult.Failed.class,
                                PushResult.Reason.PAYLOAD_TOO_LARGE))
                        .count("PushTimeout", count(pushed, PushResult.Failed.class, PushResult.Reason.TIMEOUT));
            }
            Map<String, Object> ids = new LinkedHashMap<>();
            invocation.lambdaRequestId().ifPresent(id -> ids.put("requestId", id));
            invocation.apiRequestId().ifPresent(id -> ids.put("apiRequestId", id));
            return metrics.document(Instant.now(), ids);
        }

        @Override
        public void close() {
            scope.close();
        }
    }

    private static long count(Collection<PushResult> pushed, Class<? extends PushResult> kind, PushResult.Reason reason) {
        return pushed.stream().filter(kind::isInstance)
                .filter(result -> reason == null || ((PushResult.Failed) result).reason() == reason).count();
    }
}
