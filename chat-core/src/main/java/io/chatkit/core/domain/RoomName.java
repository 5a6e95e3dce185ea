package io.chatkit.core.domain;

/**
 * A room's display name: may be empty (direct rooms usually are), at most 100 characters, nothing that hides or
 * spoofs what members see (no control characters, no bidi overrides, not only invisible characters: see
 * {@code VisibleText}).
 */
public record RoomName(String value) {
    public static final int MAX_CODE_POINTS = 100;
    public static final RoomName NONE = new RoomName("");

    public RoomName {
        if (value == null) {
            throw new InvalidInputException("name", "is required (use RoomName.NONE)");
        }
        if (value.codePointCount(0, value.length()) > MAX_CODE_POINTS) {
            throw new InvalidInputException("name", "is longer than " + MAX_CODE_POINTS + " characters");
        }
        VisibleText.problemIn(value, false).ifPresent(problem -> {
            throw new InvalidInputException("name", problem);
        });
    }

    public static RoomName of(String value) {
        return value == null ? NONE : new RoomName(value.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
