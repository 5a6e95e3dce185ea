package io.chatkit.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts, on the SDK's side, the calls a client made and the attempts it sent for them: the difference is the
 * SDK's own retries, and the most attempts any one call took shows whether it kept to its retry policy.
 */
final class AttemptCounter implements ExecutionInterceptor {
    private static final ExecutionAttribute<AtomicInteger> ATTEMPTS = new ExecutionAttribute<>("chatkit.attempts");

    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger mostAttemptsOfOneCall = new AtomicInteger();
    private final AtomicInteger failedCalls = new AtomicInteger();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.incrementAndGet();
        attributes.putAttribute(ATTEMPTS, new AtomicInteger());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
        int ofThisCall = attributes.getAttribute(ATTEMPTS).incrementAndGet();
        mostAttemptsOfOneCall.accumulateAndGet(ofThisCall, Math::max);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        failedCalls.incrementAndGet();
    }

    /** Calls that ended in an error after their attempts (a failed condition included). */
    int failedCalls() {
        return failedCalls.get();
    }

    /** Attempts beyond each call's first: what the SDK retried on its own. */
    int sdkRetries() {
        return attempts.get() - calls.get();
    }

    int mostAttemptsOfOneCall() {
        return mostAttemptsOfOneCall.get();
    }
}
