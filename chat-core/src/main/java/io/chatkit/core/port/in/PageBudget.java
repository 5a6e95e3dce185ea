package io.chatkit.core.port.in;

import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * How much of a page fits in one reply: each item's size as the caller will send it, and the most a page may hold.
 * A page stops before the item that would pass {@code maxBytes} (its first item always fits, so paging always
 * moves on) and then carries a cursor to the rest, exactly as a page cut by count does.
 */
public record PageBudget<T>(ToIntFunction<T> sizeOf, int maxBytes) {
    public PageBudget {
        Objects.requireNonNull(sizeOf, "sizeOf");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
    }

    /** No limit but the page size: for callers that are not bound by a frame size. */
    public static <T> PageBudget<T> unlimited() {
        return new PageBudget<>(item -> 0, Integer.MAX_VALUE);
    }
}
