package io.chatkit.core.port.out;

import io.chatkit.core.domain.Connection;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link FrameAllowances#take} found: the connection, live or expired (empty when it is not one of
 * the user's), and whether the frame was admitted. Nothing is taken for a connection that was not found, and its
 * frame is not admitted: the allowance fails closed.
 */
public record TakenFrame(Optional<Connection> connection, Admission admission) {
    public TakenFrame {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(admission, "admission");
    }

    public static TakenFrame notFound() {
        return new TakenFrame(Optional.empty(), NOT_ADMITTED);
    }

    /** Nothing can be taken from an allowance for a connection that is not the user's. */
    private static final Admission NOT_ADMITTED = Admission.refuse(Duration.ZERO);
}
