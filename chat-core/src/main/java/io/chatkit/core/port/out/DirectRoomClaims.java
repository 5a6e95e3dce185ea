package io.chatkit.core.port.out;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Each pair's claim on their direct room: the id of the one room the two of them share without a name. One storage
 * operation per method; what makes a claim stand (both still belong to the room it names) is the core's rule.
 */
public interface DirectRoomClaims {

    /** The room the pair's claim names, read strongly consistent; empty if they have none. */
    Optional<RoomId> find(Pair pair);

    /**
     * Claims the pair for {@code room}, on condition that the claim is still as it was read: absent when
     * {@code expected} is empty, else naming {@code expected}. False, and nothing changed, when it is not.
     */
    boolean claim(Pair pair, RoomId room, Optional<RoomId> expected);

    /** Removes the pair's claim, on condition that it names {@code room}. */
    void release(Pair pair, RoomId room);

    /** Two users, in no particular order: {@code Pair.of(a, b)} equals {@code Pair.of(b, a)}. */
    record Pair(UserId first, UserId second) {
        public Pair {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            if (first.compareTo(second) >= 0) {
                throw new IllegalArgumentException("a pair is two users in order: " + first + ", " + second);
            }
        }

        public static Pair of(UserId one, UserId other) {
            return one.compareTo(other) < 0 ? new Pair(one, other) : new Pair(other, one);
        }
    }
}
