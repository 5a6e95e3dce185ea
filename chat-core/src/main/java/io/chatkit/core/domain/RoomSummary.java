package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a user's room list: the room, its latest message, how many the user has not read, and how many of those
 * mention them.
 */
public record RoomSummary(Room room, MessageId lastMessageId, String lastMessagePreview, int unreadCount,
                          int mentionCount, Optional<Instant> lastMessageEditedAt) {
    public RoomSummary {
        Objects.requireNonNull(lastMessageEditedAt, "lastMessageEditedAt");
        if (mentionCount < 0 || mentionCount > unreadCount) {
            throw new IllegalArgumentException("mentionCount must be within 0.." + unreadCount + ": " + mentionCount);
        }
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(lastMessageId, "lastMessageId");
        Objects.requireNonNull(lastMessagePreview, "lastMessagePreview");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative: " + unreadCount);
        }
    }

    /** A line without mentions. */
    public RoomSummary(Room room, MessageId lastMessageId, String lastMessagePreview, int unreadCount) {
        this(room, lastMessageId, lastMessagePreview, unreadCount, 0);
    }

    /** A line whose last message was never edited. */
    public RoomSummary(Room room, MessageId lastMessageId, String lastMessagePreview, int unreadCount,
                       int mentionCount) {
        this(room, lastMessageId, lastMessagePreview, unreadCount, mentionCount, Optional.empty());
    }

    public Instant lastMessageAt() {
        return lastMessageId.timestamp();
    }

    /** Where this summary sits in the list, for paging. */
    public RoomPosition position() {
        return new RoomPosition(lastMessageId, room.id());
    }
}
