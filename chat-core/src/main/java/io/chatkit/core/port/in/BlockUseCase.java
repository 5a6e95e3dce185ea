package io.chatkit.core.port.in;

import io.chatkit.core.domain.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Blocking: a user who blocked another is not put in a room by them (no new room, no addition: {@code BLOCKED})
 * and gets no pushes of their messages in the rooms they share (history still shows them, marked). A user blocks at
 * most {@link #MAX_BLOCKED} others. Unblocking is a room change: it takes from the same allowance.
 */
public interface BlockUseCase {
    /** How many users one user may block. */
    int MAX_BLOCKED = 100;

    /** Blocks {@code command.other()}; blocking again changes nothing. */
    Outcome<UserId> block(BlockCommand command);

    /** Unblocks {@code command.other()}; unblocking someone not blocked changes nothing. */
    Outcome<UserId> unblock(BlockCommand command);

    /** Whom the user blocked, in id order. */
    Outcome<List<UserId>> listBlocked(UserId user);

    record BlockCommand(UserId user, UserId other) {
        public BlockCommand {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(other, "other");
        }
    }
}
