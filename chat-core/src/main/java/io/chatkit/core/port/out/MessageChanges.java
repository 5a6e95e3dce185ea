package io.chatkit.core.port.out;

import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.RoomId;
import java.util.List;
import java.util.Optional;

/**
 * Each room's change sequence: every edit and deletion takes the next place (1, 2, 3, …) and is kept a while
 * ({@link #RETENTION}), so that a client can catch up on changes to messages it already holds. One storage operation
 * per method.
 */
public interface MessageChanges {
    /** How long a change is kept; a client further behind reloads the room. */
    java.time.Duration RETENTION = java.time.Duration.ofDays(30);

    /** The next place in the room's sequence, taken (places taken and never used leave gaps, which mean nothing). */
    long next(RoomId room);

    /** The last place taken in the room's sequence (0 if none): where a client that just loaded the room starts. */
    long current(RoomId room);

    /** Keeps the change at its place (a repeat replaces it with the same). */
    void add(MessageChange change);

    /** The change at this place, if kept (read strongly consistent). */
    Optional<MessageChange> find(RoomId room, long seq);

    /** Up to {@code limit} changes after place {@code seq}, in order (read strongly consistent). */
    List<MessageChange> after(RoomId room, long seq, int limit);
}
