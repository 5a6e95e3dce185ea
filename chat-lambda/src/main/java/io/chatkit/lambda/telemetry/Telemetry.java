package io.chatkit.lambda.telemetry;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.logging.Invocation;
import io.chatkit.logging.LogLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The invocation a thread works for: its own, or the one whose task it runs ({@link #carryInvocation}). */
    private static final ThreadLocal<Running> RUNNING = new ThreadLocal<>();

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
        Running running = new Running(invocation, LogLines.during(invocation), storeCalls.get());
        RUNNING.set(running);
        return running;
    }

    /**
     * {@code task}, to run as part of the invocation of the thread that made it: a push it makes counts towards that
     * invocation's fan-out. The chat's task decorator ({@code ChatServices.Builder.decorateTasks}), so that the
     * fan-out a send runs on the chat's executor is counted, whichever invocations run side by side.
     */
    public static Runnable carryInvocation(Runnable task) {
        Running running = RUNNING.get();
        if (running == null) {
            return task;
        }
        return () -> {
            Running before = RUNNING.get();
            RUNNING.set(running);
            try {
                task.run();
            } finally {
                if (before == null) {
                    RUNNING.remove();
                } else {
                    RUNNING.set(before);
                }
            }
        };
    }

    /**
     * {@code pusher}, with what became of each message's pushes counted into the invocation that sent it: the
     * metrics {@code FanOut}, {@code Deliveries}, {@code Gone} and the {@code Push…} failures.
     */
    public static Pusher countingFanOut(Pusher pusher) {
        return new Pusher() {
            @Override
            public Map<ConnectionId, PushResult> push(Collection<ConnectionId> connections, Notification notification) {
                Map<ConnectionId, PushResult> results = pusher.push(connections, notification);
                Running running = RUNNING.get();
                if (running != null && notification instanceof Notification.MessagePosted) {
                    running.pushed(results.values());
                }
                return results;
            }

            @Override
            public void close(ConnectionId connection) {
                pusher.close(connection);
            }
        };
    }

    /** An invocation being handled. */
    public final class Running implements AutoCloseable {
        private final Invocation invocation;
        private final LogLines.Scope scope;
        private final StoreCalls dynamoDbBefore;
        private Invocation current;
        private Optional<String> user = Optional.empty();
        private final List<PushResult> pushed = new ArrayList<>();

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

        private void pushed(Collection<PushResult> results) {
            synchronized (pushed) {
                pushed.addAll(results);
            }
        }

        /**
         * Writes the invocation's line and metrics. {@code outcome} is {@code ok} or an error code; a send's metrics
         * count its fan-out ({@link #countingFanOut}).
         */
        public void finish(int status, String outcome) {
            long millis = invocation.elapsedMillis();
            if (records) {
                LogLines.request(current.route(), outcome, status, millis, user);
            }
            List<PushResult> fanOut;
            synchronized (pushed) {
                fanOut = List.copyOf(pushed);
            }
            namespace.ifPresent(ns -> out.accept(metrics(ns, outcome, status, millis, fanOut,
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
            if (RUNNING.get() == this) {
                RUNNING.remove();
            }
            scope.close();
        }
    }

    private static long count(Collection<PushResult> pushed, Class<? extends PushResult> kind, PushResult.Reason reason) {
        return pushed.stream().filter(kind::isInstance)
                .filter(result -> reason == null || ((PushResult.Failed) result).reason() == reason).count();
    }
}
