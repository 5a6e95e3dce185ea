package io.chatkit.core.port.in;

import io.chatkit.core.domain.InvalidInputException;

/** How many items a page holds: 1 to {@value #MAX}; {@value #DEFAULT} when the caller does not say. */
public record PageSize(int value) {
    public static final int MAX = 100;
    public static final int DEFAULT = 50;

    public PageSize {
        if (value < 1 || value > MAX) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX + ", not " + value);
        }
    }

    public static PageSize of(int value) {
        return new PageSize(value);
    }

    public static PageSize defaultSize() {
        return new PageSize(DEFAULT);
    }
}
