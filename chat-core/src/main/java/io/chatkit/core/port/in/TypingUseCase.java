package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Duration;
import java.util.Objects;

/**
 * A member tells a room they are typing: pushed to every connection of every other member, stored nowhere. At most
 * one per user and room every {@link #EVERY} is fanned out; the others are dropped without a word (not refused).
 * The frame is taken from the typist's frame allowance in this process, never written (on Lambda: per container).
 */
public interface TypingUseCase {
    /** The least time between two fanned-out {@code typing} of one user in one room. */
    Duration EVERY = Duration.ofSeconds(3);

    /** Whether it was fanned out (false: dropped by the throttle), or why it was refused. */
    Outcome<Boolean> typing(TypingCommand command);

    /** {@code typist} on {@code connection}, whose own connections do not hear it. */
    record TypingCommand(UserId typist, ConnectionId connection, RoomId roomId) {
        public TypingCommand {
            Objects.requireNonNull(typist, "typist");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
        }
    }
}
