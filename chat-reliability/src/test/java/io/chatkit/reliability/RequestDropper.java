package io.chatkit.reliability;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Stands for a function that dies half-way: while armed, every request that matches never reaches DynamoDB
 * (the caller gets an error, nothing is written), while the others go through.
 */
final class RequestDropper implements ExecutionInterceptor {
    private volatile Predicate<SdkRequest> dropping = request -> false;
    private final AtomicInteger dropped = new AtomicInteger();

    void drop(Predicate<SdkRequest> which) {
        dropping = which;
    }

    void stop() {
        dropping = request -> false;
    }

    int dropped() {
        return dropped.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (dropping.test(context.request())) {
            dropped.incrementAndGet();
            throw SdkClientException.create("injected: the request never left");
        }
    }
}
