package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A change to a message a room already has (an edit, a deletion, a reaction added or taken out), at its place in the room's change sequence (1, 2, 3, …): a client that
 * holds a room's messages applies the changes after the last it saw and is where a connected client is.
 * {@code message} is the message as the change left it.
 */
public record MessageChange(RoomId roomId, long seq, Kind kind, Message message, Instant at) {
    public enum Kind { EDITED, DELETED, REACTIONS }

    public MessageChange {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("changes are numbered from 1: " + seq);
        }
    }

    /**
     * The change as a cursor a client keeps ({@code getChanges since}): its place, and when it was made, which says
     * with no read whether the changes after it are all still kept.
     */
    public String changeId() {
        return seq + "." + at.toEpochMilli();
    }
}
