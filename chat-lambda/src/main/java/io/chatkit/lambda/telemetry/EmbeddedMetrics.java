package io.chatkit.lambda.telemetry;

import io.chatkit.logging.JsonText;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One invocation's metrics as a CloudWatch Embedded Metric Format document: a log line CloudWatch Logs turns into
 * metrics, with no request of its own. Three directives keep the dimensions few: {@code Latency} by
 * {@code Route}; {@code Requests} by {@code Route} and {@code Outcome} ({@code ok} or the error code); the rest
 * with no dimension at all (no per-user or per-room dimension, ever).
 */
final class EmbeddedMetrics {
    private final String namespace;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final List<Map<String, String>> undimensioned = new ArrayList<>();

    EmbeddedMetrics(String namespace, String route, String outcome, long latencyMillis) {
        this.namespace = namespace;
        values.put("Route", route);
        values.put("Outcome", outcome);
        values.put("Latency", latencyMillis);
        values.put("Requests", 1L);
    }

    EmbeddedMetrics count(String name, long value) {
        values.put(name, value);
        undimensioned.add(metric(name, "Count"));
        return this;
    }

    /** The document, with {@code extra} members (ids for finding the invocation's log lines) beside the values. */
    String document(Instant at, Map<String, Object> extra) {
        List<Object> directives = List.of(
                directive(List.of("Route"), List.of(metric("Latency", "Milliseconds"))),
                directive(List.of("Route", "Outcome"), List.of(metric("Requests", "Count"))),
                directive(List.of(), undimensioned));
        Map<String, Object> aws = new LinkedHashMap<>();
        aws.put("Timestamp", at.toEpochMilli());
        aws.put("CloudWatchMetrics", directives);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_aws", aws);
        document.putAll(values);
        document.putAll(extra);
        return JsonText.line(document);
    }

    private Map<String, Object> directive(List<String> dimensions, List<Map<String, String>> metrics) {
        Map<String, Object> directive = new LinkedHashMap<>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(dimensions));
        directive.put("Metrics", metrics);
        return directive;
    }

    private static Map<String, String> metric(String name, String unit) {
        Map<String, String> metric = new LinkedHashMap<>();
        metric.put("Name", name);
        metric.put("Unit", unit);
        return metric;
    }
}
