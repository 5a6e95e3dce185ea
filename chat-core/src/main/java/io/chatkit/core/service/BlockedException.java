package io.chatkit.core.service;

import io.chatkit.core.domain.UserId;
import java.util.Set;

/** A room change named users who blocked the one making it; nothing was changed. */
public final class BlockedException extends RuntimeException {
    private final transient Set<UserId> users;

    public BlockedException(Set<UserId> users, UserId actor) {
        super(users + " blocked " + actor);
        this.users = Set.copyOf(users);
    }

    /** Who blocked the actor (for logs and tests: the caller is not told). */
    public Set<UserId> users() {
        return users;
    }
}
