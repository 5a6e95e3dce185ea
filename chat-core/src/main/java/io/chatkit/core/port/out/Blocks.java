package io.chatkit.core.port.out;

import io.chatkit.core.domain.UserId;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/** Whom each user has blocked. One storage operation per method. */
public interface Blocks {

    /**
     * Adds {@code blocked} to the users {@code blocker} blocked, on condition that they block fewer than {@code max}
     * or this one already.
     */
    Blocked block(UserId blocker, UserId blocked, int max);

    /** What {@link #block} did. */
    enum Blocked {
        /** Blocked now. */
        NEW,
        /** Blocked before; nothing changed. */
        ALREADY,
        /** {@code max} others are blocked already; nothing changed. */
        FULL
    }

    /** Takes {@code blocked} off the users {@code blocker} blocked; what is not there is fine. */
    void unblock(UserId blocker, UserId blocked);

    /** Whom {@code blocker} blocked, read strongly consistent. */
    Set<UserId> blockedBy(UserId blocker);

    /** Whom each of these users blocked (a user who blocked nobody is left out), strongly consistent, in batches. */
    Map<UserId, Set<UserId>> blockedByEach(Collection<UserId> blockers);
}
