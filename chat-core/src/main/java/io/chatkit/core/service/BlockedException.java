package io.chatkit.core.service;

import io.chatkit.core.domain.UserId;
import java.util.Set;

/** A room change named users who blocked the one making it; nothing was changed. */
public final class BlockedException extends RuntimeException {
    /** {@code users} blocked {@code actor}: the message names them for logs; the caller is not told who. */
    public BlockedException(Set<UserId> users, UserId actor) {
        super(users + " blocked " + actor);
    }
}
