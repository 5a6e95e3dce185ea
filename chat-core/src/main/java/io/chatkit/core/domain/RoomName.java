package io.chatkit.core.domain;

/** A room's display name: may be empty (direct rooms usually are), at most 100 characters, no control characters. */
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
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("name", "must not contain control characters");
        }
    }

    public static RoomName of(String value) {
        return value == null ? NONE : new RoomName(value.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
