package io.chatkit.core.service;

import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Creating a room or adding members would put these users in more rooms than they may belong to; nothing was
 * changed.
 */
public final class TooManyRoomsException extends RuntimeException {
    private final Set<UserId> users;
    private final int maxRoomsPerUser;

    public TooManyRoomsException(Set<UserId> users, int maxRoomsPerUser) {
        super(users + " already belong to " + maxRoomsPerUser + " rooms");
        this.users = Set.copyOf(Objects.requireNonNull(users, "users"));
        this.maxRoomsPerUser = maxRoomsPerUser;
    }

    public Set<UserId> users() {
        return users;
    }

    public int maxRoomsPerUser() {
        return maxRoomsPerUser;
    }
}
