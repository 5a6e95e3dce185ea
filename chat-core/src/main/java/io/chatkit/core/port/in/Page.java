package io.chatkit.core.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Some items and, if there are more, an opaque cursor for the next page. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
