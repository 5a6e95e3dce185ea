package io.chatkit.core.port.out;

import io.chatkit.core.domain.UserId;

/** How many rooms each user belongs to, which bounds it. One storage operation per method. */
public interface RoomCounts {

    /**
     * Counts one room more for the user, on condition that they are counted in fewer than {@code max}; false, and
     * nothing changed, when they are not. Concurrent calls are counted exactly.
     */
    boolean countIn(UserId user, int max);

    /** Counts one room less for the user, on condition that they are counted in more than none. */
    void countOut(UserId user);
}
