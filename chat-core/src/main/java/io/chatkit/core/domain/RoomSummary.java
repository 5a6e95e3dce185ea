package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Objects;

/** One line of a user's room list: the room, its latest message and how many the user has not read. */
public record RoomSummary(Room room, MessageId lastMessageId, String lastMessagePreview, int unreadCount) {
    public RoomSummary {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(lastMessageId, "lastMessageId");
        Objects.requireNonNull(lastMessagePreview, "lastMessagePreview");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative: " + unreadCount);
        }
    }

    public Instant lastMessageAt() {
        return lastMessageId.timestamp();
    }

    /** Where this summary sits in the list, for paging. */
    public RoomPosition position() {
        return new RoomPosition(lastMessageId, room.id());
    }
}
