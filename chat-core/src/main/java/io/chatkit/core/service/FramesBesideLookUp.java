package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.FrameAllowances;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.TakenFrame;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The frame allowance of a chat whose stores keep none: the connection is looked up while the frame is taken from
 * the rate-limit store, side by side (a frame of a connection that turns out not to be the user's is taken but not
 * admitted).
 */
final class FramesBesideLookUp implements FrameAllowances {
    private final ConnectionStore connections;
    private final RateLimitStore rateLimits;
    private final Executor executor;

    FramesBesideLookUp(ConnectionStore connections, RateLimitStore rateLimits, Executor executor) {
        this.connections = connections;
        this.rateLimits = rateLimits;
        this.executor = executor;
    }

    @Override
    public TakenFrame take(ConnectionId connection, UserId user, RateLimit allowance, Instant now) {
        CompletableFuture<Admission> admission =
                CompletableFuture.supplyAsync(() -> rateLimits.take(user, allowance, now), executor);
        Optional<Connection> found;
        try {
            found = connections.lookup(connection).filter(stored -> stored.userId().equals(user));
        } catch (RuntimeException e) {
            SideBySide.settle(admission);
            throw e;
        }
        if (found.isEmpty()) {
            SideBySide.settle(admission);
            return TakenFrame.notFound();
        }
        return new TakenFrame(found, SideBySide.join(admission));
    }
}
