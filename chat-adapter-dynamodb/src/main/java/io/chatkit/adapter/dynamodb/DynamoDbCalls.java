package io.chatkit.adapter.dynamodb;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Counts the DynamoDB client's attempts beyond each call's first (the SDK's retries, for whatever reason) and the
 * calls that ended throttled after them, for the clients it is added to
 * ({@code overrideConfiguration(c -> c.addExecutionInterceptor(calls))}); Lambda's telemetry reports the difference
 * over each invocation (Lambda runs one at a time per container, so the difference is the invocation's own).
 */
public final class DynamoDbCalls implements ExecutionInterceptor {
    private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException",
            "ThrottlingException", "RequestLimitExceeded", "LimitExceededException");

    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    public DynamoDbCalls() {
    }

    /** Where the counts stand. */
    public record Counts(long retries, long throttled) {
    }

    public Counts counts() {
        return new Counts(attempts.get() - calls.get(), throttled.get());
    }

    /** The calls made through the clients this counts, since it was made (retries not counted again). */
    public long calls() {
        return calls.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof DynamoDbException e && e.awsErrorDetails() != null
                && THROTTLING.contains(e.awsErrorDetails().errorCode())) {
            throttled.incrementAndGet();
        }
    }
}
