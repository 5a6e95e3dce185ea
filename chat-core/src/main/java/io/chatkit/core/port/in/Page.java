package io.chatkit.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Some items and, if there are more, an opaque cursor for the next page; and how to make the cursor after any of
 * its items, so that a caller bound by more than a count (a frame's bytes) can cut the page shorter and still page
 * on without a gap ({@link #firstOnly}).
 */
public record Page<T>(List<T> items, Optional<String> nextCursor, Optional<Function<T, String>> cursorAfter) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
        Objects.requireNonNull(cursorAfter, "cursorAfter");
    }

    /** A page that cannot be cut with a cursor (a catch-up page: the client continues after its last item). */
    public Page(List<T> items, Optional<String> nextCursor) {
        this(items, nextCursor, Optional.empty());
    }

    /**
     * The first {@code count} items (never fewer than one), with the cursor after the last of them when the page
     * can make one; this page itself when it holds no more.
     */
    /** The same page with each item changed by {@code change}, which keeps what cursors are made of (ids). */
    public Page<T> map(java.util.function.UnaryOperator<T> change) {
        return new Page<>(items.stream().map(change).toList(), nextCursor, cursorAfter);
    }

    public Page<T> firstOnly(int count) {
        if (count >= items.size()) {
            return this;
        }
        List<T> first = items.subList(0, Math.max(1, count));
        return new Page<>(first, cursorAfter.map(cursor -> cursor.apply(first.get(first.size() - 1))), cursorAfter);
    }
}
