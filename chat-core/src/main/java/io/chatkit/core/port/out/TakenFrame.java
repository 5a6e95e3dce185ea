package io.chatkit.core.port.out;

import io.chatkit.core.domain.Connection;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ConnectionStore#lookupTakingFrame} found: the connection, live or expired (empty when it is not one of
 * the user's), and whether the frame was admitted. Nothing is taken for a connection that was not found.
 */
public record TakenFrame(Optional<Connection> connection, Admission admission) {
    public TakenFrame {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(admission, "admission");
    }

    public static TakenFrame notFound() {
        return new TakenFrame(Optional.empty(), Admission.admit());
    }
}
