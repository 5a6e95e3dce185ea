package io.chatkit.core.port.out;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Each room's newest message, which also numbers the room's messages: every message takes the next place (1, 2, 3,
 * …) when it becomes the newest. Each method is one storage operation with its condition; the rules that use them
 * (who may place what, what to do when a place is lost) are the core's.
 */
public interface LastMessages {

    /**
     * Makes {@code message} the room's newest at the next place, on condition that its id sorts after the newest's
     * (or the room has none). Concurrent calls for one room are applied one after another, so places and ids rise
     * together.
     *
     * @return the place taken and the newest before it; empty, and nothing changed, when the condition failed
     */
    Optional<Placement> placeAfterNewest(Message message);

    /** The room's newest message as last written, read strongly consistent; empty for a room without messages. */
    Optional<LastMessage> newest(RoomId room);

    /**
     * The newest message of each of these rooms that has one, in no particular order. May be read eventually
     * consistent (a room list a moment behind a send shows the room's previous last message, which the push that
     * follows corrects), in batches side by side.
     */
    List<LastMessage> newestOf(Collection<RoomId> rooms);

    /**
     * Makes {@code previous} the room's newest again, on condition that the newest is still at place {@code placed}:
     * undoes a placement that must not stand. False, and nothing changed, when a message was placed after it.
     */
    boolean putBack(LastMessage previous, long placed);

    /**
     * Replaces the preview of the room's newest message and keeps when it was edited, on condition that it is still
     * {@code id} (an edit or a deletion of the room's last message shows in its members' lists); false, and nothing
     * changed, otherwise.
     */
    boolean changePreview(RoomId room, MessageId id, String preview, Optional<Instant> editedAt);

    /** What {@link #placeAfterNewest} did: the message's place, and the room's newest before it (empty if none). */
    record Placement(long seq, Optional<LastMessage> before) {
        public Placement {
            if (seq < 1) {
                throw new IllegalArgumentException("places start at 1: " + seq);
            }
            java.util.Objects.requireNonNull(before, "before");
        }
    }
}
