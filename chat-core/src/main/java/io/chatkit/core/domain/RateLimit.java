package io.chatkit.core.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An allowance of one user: {@code burst} uses at once, then one more every {@code interval} — a token bucket of
 * {@code burst} tokens refilled one per interval. It is kept as one instant per user and limit, the
 * <em>theoretical arrival time</em> of the generic cell rate algorithm: where the bucket's debt runs out. A use
 * at {@code now} is admitted while that instant is no later than {@code now + (burst - cost) × interval}, and moves
 * it {@code cost} intervals on from {@code max(it, now)}. Stores keep the instant; the arithmetic is here, once.
 *
 * <p>A use takes one token unless it says otherwise ({@link #withCost}): an upload of 12 MB takes 12 of an
 * allowance of megabytes in one use, with the same arithmetic and the same one instant.
 *
 * @param name names the allowance in stores and messages: lower-case letters, at most 32
 */
public record RateLimit(String name, int burst, Duration interval, int cost) {
    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        if (!name.matches("[a-z][a-zA-Z]{0,31}")) {
            throw new IllegalArgumentException("a rate limit's name is 1-32 letters, starting lower-case: " + name);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
        if (interval.toMillis() < 1) {
            throw new IllegalArgumentException("interval must be at least 1 ms: " + interval);
        }
        if (cost < 1 || cost > burst) {
            throw new IllegalArgumentException("a use costs 1 to " + burst + " tokens: " + cost);
        }
    }

    /** An allowance whose every use takes one token. */
    public RateLimit(String name, int burst, Duration interval) {
        this(name, burst, interval, 1);
    }

    /** The same allowance, for a use that takes {@code tokens} at once. */
    public RateLimit withCost(int tokens) {
        return new RateLimit(name, burst, interval, tokens);
    }

    /** How far one use moves the stored instant: {@code cost} intervals. */
    public Duration step() {
        return interval.multipliedBy(cost);
    }

    /** {@code burst} at once, refilled at {@code perSecond} a second. */
    public static RateLimit perSecond(String name, int burst, int perSecond) {
        if (perSecond < 1 || perSecond > 1000) {
            throw new IllegalArgumentException("perSecond must be 1-1000: " + perSecond);
        }
        return new RateLimit(name, burst, Duration.ofMillis(1000 / perSecond));
    }

    /** {@code burst} at once, refilled at {@code perMinute} a minute. */
    public static RateLimit perMinute(String name, int burst, int perMinute) {
        if (perMinute < 1 || perMinute > 60_000) {
            throw new IllegalArgumentException("perMinute must be 1-60000: " + perMinute);
        }
        return new RateLimit(name, burst, Duration.ofMinutes(1).dividedBy(perMinute));
    }

    /** {@code count} an hour, all of which may be used at once. */
    public static RateLimit perHour(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return new RateLimit(name, count, Duration.ofHours(1).dividedBy(count));
    }

    /** The latest the stored instant may be for a use at {@code now} to be admitted. */
    public Instant admitsUpTo(Instant now) {
        return now.plus(interval.multipliedBy((long) burst - cost));
    }

    public boolean admits(Instant stored, Instant now) {
        return !stored.isAfter(admitsUpTo(now));
    }

    /** The stored instant after a use admitted at {@code now}. */
    public Instant afterUse(Instant stored, Instant now) {
        return (stored.isAfter(now) ? stored : now).plus(step());
    }

    /**
     * How long a refused use should wait: until it would be admitted, rounded up to a whole millisecond and at
     * least one (clients are told milliseconds, and "retry after 0 ms" would invite a busy loop).
     */
    public Duration retryAfter(Instant stored, Instant now) {
        Duration wait = Duration.between(admitsUpTo(now), stored);
        long millis = wait.toMillis() + (wait.minusMillis(wait.toMillis()).isZero() ? 0 : 1);
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** When a stored instant no longer limits anything: a store may forget it from then on. */
    public Instant forgettableAfter(Instant stored) {
        return stored.plus(interval);
    }
}
