package io.chatkit.core.service;

import io.chatkit.core.domain.Mute;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.BlockUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.Blocks;
import io.chatkit.core.port.out.MessageStore;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Keeps whom a user blocked, and mutes the pair in every room they share, so that a send skips the blocker's
 * connections without a read more: two Queries (the pair's memberships) and one write per shared room (at most the
 * user's room limit), beside the block itself. Blocking is as quick as a frame (a user under a spam wave must be
 * able to block fast; each new block is bounded by {@link #MAX_BLOCKED}, a repeated one walks nothing); unblocking
 * takes from the room-change allowance, which bounds how often a pair can be walked.
 */
public final class BlockService implements BlockUseCase {
    private final MessageStore store;
    private final Allowances allowances;
    private final Clock clock;
    private final Executor executor;

    BlockService(MessageStore store, Allowances allowances, Clock clock, Executor executor) {
        this.store = store;
        this.allowances = allowances;
        this.clock = clock;
        this.executor = executor;
    }

    @Override
    public Outcome<UserId> block(BlockCommand command) {
        if (command.user().equals(command.other())) {
            return Outcome.rejected(Code.INVALID_INPUT, "userId: you cannot block yourself");
        }
        UserId user = command.user();
        Blocks.Blocked blocked = store.blocks().block(user, command.other(), MAX_BLOCKED);
        if (blocked == Blocks.Blocked.FULL) {
            return Outcome.rejected(Code.INVALID_INPUT, "userId: you block " + MAX_BLOCKED
                    + " users already, the most one may; unblock one first");
        }
        if (blocked == Blocks.Blocked.NEW) {
            Set<Mute> mute = Set.of(new Mute(user, command.other()));
            inEverySharedRoom(user, command.other(), room -> store.rooms().mute(room, mute));
        }
        return Outcome.accepted(command.other());
    }

    @Override
    public Outcome<UserId> unblock(BlockCommand command) {
        return allowances.admitRoomChange(command.user(), clock.instant()).then(user -> {
            store.blocks().unblock(user, command.other());
            Set<Mute> mute = Set.of(new Mute(user, command.other()));
            inEverySharedRoom(user, command.other(), room -> store.rooms().unmute(room, mute));
            return Outcome.accepted(command.other());
        });
    }

    @Override
    public Outcome<List<UserId>> listBlocked(UserId user) {
        return Outcome.accepted(store.blocks().blockedBy(user).stream().sorted().toList());
    }

    /** {@code change} in every room both users belong to, side by side. */
    private void inEverySharedRoom(UserId one, UserId other, Consumer<RoomId> change) {
        SideBySide.each(executor, List.copyOf(sharedRooms(one, other)), room -> {
            change.accept(room);
            return null;
        });
    }

    /** The rooms both users belong to: their memberships, read side by side. */
    private Set<RoomId> sharedRooms(UserId one, UserId other) {
        return SideBySide.both(executor, () -> store.memberships().ofUser(one).keySet(),
                () -> store.memberships().ofUser(other).keySet(), (mine, theirs) -> {
                    Set<RoomId> shared = new HashSet<>(mine);
                    shared.retainAll(theirs);
                    return shared;
                });
    }
}
