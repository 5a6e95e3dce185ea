package io.chatkit.testkit.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the DynamoDB requests a client sends and when each ran, optionally adding a fixed delay to
 * every request (what a real region adds on top of dynalite's loopback). From the times it tells how
 * many rounds a piece of work took: the longest chain of requests each starting after the previous ended.
 */
public final class RequestLog implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("chatkit.started");

    public record Request(String operation, long startNanos, long endNanos) {
    }

    private final List<Request> requests = new ArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    public void delayEachRequestBy(Duration delay) {
        this.delay = delay;
    }

    public synchronized void clear() {
        requests.clear();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized int count() {
        return requests.size();
    }

    public synchronized Map<String, Integer> countsByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts;
    }

    /** The longest chain of requests where each started only after the one before had finished. */
    public synchronized int rounds() {
        List<Request> byEnd = new ArrayList<>(requests);
        byEnd.sort(Comparator.comparingLong(Request::endNanos));
        int[] chain = new int[byEnd.size()];
        int longest = 0;
        for (int i = 0; i < byEnd.size(); i++) {
            chain[i] = 1;
            for (int j = 0; j < i; j++) {
                if (byEnd.get(j).endNanos() <= byEnd.get(i).startNanos()) {
                    chain[i] = Math.max(chain[i], chain[j] + 1);
                }
            }
            longest = Math.max(longest, chain[i]);
        }
        return longest;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes);
    }

    private synchronized void record(ExecutionAttributes attributes) {
        requests.add(new Request(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                attributes.getAttribute(STARTED), System.nanoTime()));
    }
}
