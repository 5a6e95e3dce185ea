package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.RateLimitStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Takes each frame from its user's allowance ({@link ChatLimits#frames()}) without a round trip of its own: a
 * connection's user never changes, so once this process has seen a connection it takes the frame alongside the
 * connection's look-up. Only a connection's first frame in a process takes it after the look-up.
 */
final class Allowances {
    private static final int KNOWN_CONNECTIONS = 10_000;

    private final RateLimitStore store;
    private final ChatLimits limits;
    private final Executor executor;
    private final Map<ConnectionId, UserId> known = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConnectionId, UserId> eldest) {
            return size() > KNOWN_CONNECTIONS;
        }
    };

    Allowances(RateLimitStore store, ChatLimits limits, Executor executor) {
        this.store = store;
        this.limits = limits;
        this.executor = executor;
    }

    ChatLimits limits() {
        return limits;
    }

    /** A frame's take, started now if this process knows the connection's user. */
    record FrameTake(Optional<UserId> user, Optional<CompletableFuture<Admission>> admission) {
    }

    FrameTake startFrame(ConnectionId connection, Instant now) {
        Optional<UserId> user;
        synchronized (known) {
            user = Optional.ofNullable(known.get(connection));
        }
        return new FrameTake(user, user.map(u -> CompletableFuture.supplyAsync(
                () -> store.take(u, limits.frames(), now), executor)));
    }

    /** The caller, once its frame is admitted; the take finishes here if it could not start early. */
    Outcome<Connection> admitFrame(Outcome<Connection> caller, FrameTake early, Instant now) {
        return caller.fold(connection -> {
            remember(connection);
            Admission admission = early.user().equals(Optional.of(connection.userId()))
                    ? Concurrently.join(early.admission().orElseThrow())
                    : store.take(connection.userId(), limits.frames(), now);
            return admission.admitted() ? caller : refused(admission, limits.frames(), "frames");
        }, rejection -> {
            early.admission().ifPresent(Concurrently::settle);
            return caller;
        });
    }

    Outcome<UserId> admitRoomChange(UserId user, Instant now) {
        Admission admission = store.take(user, limits.roomChanges(), now);
        return admission.admitted() ? Outcome.accepted(user)
                : refused(admission, limits.roomChanges(), "room changes (createRoom, addMembers)");
    }

    void remember(Connection connection) {
        synchronized (known) {
            known.put(connection.id(), connection.userId());
        }
    }

    private static <T> Outcome<T> refused(Admission admission, RateLimit limit, String what) {
        return Outcome.rejected(new Rejection(Rejection.Code.RATE_LIMITED,
                "too many " + what + ": at most " + limit.burst() + " at once, then one every "
                        + limit.interval().toMillis() + " ms; retry after " + admission.retryAfter().toMillis()
                        + " ms", admission.retryAfter()));
    }
}
