package io.chatkit.core.domain;

/** Identifies a chat room; restricted to {@link SafeId}'s character set. */
public record RoomId(String value) implements Comparable<RoomId> {
    public RoomId {
        SafeId.require("roomId", value);
    }

    public static RoomId of(String value) {
        return new RoomId(value);
    }

    @Override
    public int compareTo(RoomId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
