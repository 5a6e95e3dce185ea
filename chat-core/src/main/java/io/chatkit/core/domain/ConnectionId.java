package io.chatkit.core.domain;

/** Identifies a WebSocket connection (API Gateway assigns it); restricted to {@link SafeId}'s character set. */
public record ConnectionId(String value) implements Comparable<ConnectionId> {
    public ConnectionId {
        SafeId.require("connectionId", value);
    }

    public static ConnectionId of(String value) {
        return new ConnectionId(value);
    }

    @Override
    public int compareTo(ConnectionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
