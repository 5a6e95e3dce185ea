package io.chatkit.core.domain;

/** Identifies a user; restricted to {@link SafeId}'s character set. */
public record UserId(String value) implements Comparable<UserId> {
    public UserId {
        SafeId.require("userId", value);
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
