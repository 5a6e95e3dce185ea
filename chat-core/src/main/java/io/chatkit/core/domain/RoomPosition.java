package io.chatkit.core.domain;

import java.util.Comparator;
import java.util.Objects;

/**
 * A place in a user's room list, which runs from the most recent last message to the oldest
 * (room id breaking ties).
 */
public record RoomPosition(MessageId lastMessageId, RoomId roomId) {
    /** Most recent first. */
    public static final Comparator<RoomPosition> LIST_ORDER =
            Comparator.comparing(RoomPosition::lastMessageId).thenComparing(RoomPosition::roomId).reversed();

    public RoomPosition {
        Objects.requireNonNull(lastMessageId, "lastMessageId");
        Objects.requireNonNull(roomId, "roomId");
    }
}
