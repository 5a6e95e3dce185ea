package io.chatkit.reliability;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Breaks a share of DynamoDB requests on purpose, the nastiest way: the request reaches the server and
 * is applied, then the answer is replaced by a 500 or a throttling error (a lost answer), so the SDK
 * retries something that already happened. A share of attempts also stalls past the client's attempt
 * timeout. Deterministic for a given seed.
 */
final class FaultInjector implements ExecutionInterceptor {
    enum Fault { NONE, LOST_ANSWER_500, LOST_ANSWER_THROTTLED, STALL }

    private static final ExecutionAttribute<Fault> FAULT = new ExecutionAttribute<>("chatkit.fault");

    private final Random random;
    private final double errorShare;
    private final double stallShare;
    private final long stallMillis;
    private volatile boolean enabled = true;
    private int forcedFailures;
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();

    FaultInjector(long seed, double errorShare, double stallShare, long stallMillis) {
        this.random = new Random(seed);
        this.errorShare = errorShare;
        this.stallShare = stallShare;
        this.stallMillis = stallMillis;
    }

    void disable() {
        enabled = false;
    }

    /**
     * The next {@code attempts} attempts, whatever request they belong to, lose their answer (500): more in a
     * row than the SDK's attempts per request, so at least one request fails to its caller.
     */
    synchronized void loseNextAnswers(int attempts) {
        forcedFailures = attempts;
    }

    int injected(Fault fault) {
        return injected.getOrDefault(fault, new AtomicInteger()).get();
    }

    int injectedTotal() {
        return injected.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private synchronized Fault draw() {
        if (!enabled) {
            return Fault.NONE;
        }
        if (forcedFailures > 0) {
            forcedFailures--;
            return Fault.LOST_ANSWER_500;
        }
        double roll = random.nextDouble();
        if (roll < errorShare / 2) {
            return Fault.LOST_ANSWER_500;
        }
        if (roll < errorShare) {
            return Fault.LOST_ANSWER_THROTTLED;
        }
        if (roll < errorShare + stallShare) {
            return Fault.STALL;
        }
        return Fault.NONE;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Fault fault = draw();
        attributes.putAttribute(FAULT, fault);
        if (fault != Fault.NONE) {
            injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
        }
        if (fault == Fault.STALL) {
            try {
                Thread.sleep(stallMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return switch (attributes.getAttribute(FAULT)) {
            case LOST_ANSWER_500 -> context.httpResponse().toBuilder().statusCode(500).removeHeader("x-amz-crc32")
                    .removeHeader("Content-Length").build();
            case LOST_ANSWER_THROTTLED -> context.httpResponse().toBuilder().statusCode(400).removeHeader("x-amz-crc32")
                    .removeHeader("Content-Length").build();
            default -> context.httpResponse();
        };
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        String body = switch (attributes.getAttribute(FAULT)) {
            case LOST_ANSWER_500 -> "{\"__type\":\"com.amazon.coral.service#InternalFailure\",\"message\":\"injected\"}";
            case LOST_ANSWER_THROTTLED -> "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
                    + "\"message\":\"injected\"}";
            default -> null;
        };
        return body == null ? context.responseBody()
                : Optional.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
