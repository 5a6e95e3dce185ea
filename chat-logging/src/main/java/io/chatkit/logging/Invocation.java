package io.chatkit.logging;

import java.util.Optional;

/**
 * One handled event as its log lines tell it: where it came from and, once known, who sent it. Never a token,
 * never content.
 *
 * @param lambdaRequestId Lambda's request id (the {@code Context}'s), empty outside Lambda
 * @param apiRequestId    API Gateway's {@code requestId}: what a client or the stage's access log names
 * @param connectionId    the WebSocket connection
 * @param route           {@code $connect}, {@code $disconnect}, or the frame's action ({@code $default} when it
 *                        named none of the protocol's)
 * @param startedNanos    {@link System#nanoTime()} at the start, for the duration
 */
public record Invocation(Optional<String> lambdaRequestId, Optional<String> apiRequestId, Optional<String> connectionId,
                         String route, long startedNanos) {

    public Invocation withRoute(String newRoute) {
        return new Invocation(lambdaRequestId, apiRequestId, connectionId, newRoute, startedNanos);
    }

    public long elapsedMillis() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
