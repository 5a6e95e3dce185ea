package io.chatkit.core.port.out;

import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RateLimitStore#inProcess()}: one instant per user and limit, in a map that forgets refilled ones. */
final class InProcessRateLimits implements RateLimitStore {
    private static final int TAKES_BETWEEN_SWEEPS = 4096;

    private record Key(UserId user, String limit) {
    }

    private record Stored(Instant instant, Instant forgettableAfter) {
    }

    private final Map<Key, Stored> stored = new ConcurrentHashMap<>();
    private final AtomicLong takes = new AtomicLong();

    @Override
    public Admission take(UserId user, RateLimit limit, Instant now) {
        if (takes.incrementAndGet() % TAKES_BETWEEN_SWEEPS == 0) {
            stored.values().removeIf(entry -> entry.forgettableAfter().isBefore(now));
        }
        Key key = new Key(user, limit.name());
        while (true) {
            Stored before = stored.get(key);
            Instant current = before == null ? Instant.MIN : before.instant();
            if (!limit.admits(current, now)) {
                return Admission.refuse(limit.retryAfter(current, now));
            }
            Instant after = limit.afterUse(current, now);
            Stored next = new Stored(after, limit.forgettableAfter(after));
            boolean swapped = before == null ? stored.putIfAbsent(key, next) == null : stored.replace(key, before, next);
            if (swapped) {
                return Admission.admit();
            }
        }
    }
}
