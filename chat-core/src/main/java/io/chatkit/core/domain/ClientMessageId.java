package io.chatkit.core.domain;

/** A sender-chosen key that makes a send idempotent; restricted to {@link SafeId}'s character set. */
public record ClientMessageId(String value) implements Comparable<ClientMessageId> {
    public ClientMessageId {
        SafeId.require("clientMessageId", value);
    }

    public static ClientMessageId of(String value) {
        return new ClientMessageId(value);
    }

    @Override
    public int compareTo(ClientMessageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
