package io.chatkit.core.port.out;

import java.time.Duration;
import java.util.Objects;

/** A rate limit's answer to one use: admitted, or refused until {@code retryAfter} has passed. */
public record Admission(boolean admitted, Duration retryAfter) {
    private static final Admission ADMITTED = new Admission(true, Duration.ZERO);

    public Admission {
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (admitted && !retryAfter.isZero()) {
            throw new IllegalArgumentException("an admitted use has nothing to wait for");
        }
    }

    public static Admission admit() {
        return ADMITTED;
    }

    public static Admission refuse(Duration retryAfter) {
        return new Admission(false, retryAfter);
    }
}
