package io.chatkit.core.port.in;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import java.util.Objects;
import java.util.Optional;

/** Forgets a connection. Disconnecting twice, or an unknown id, is a no-op. */
public interface DisconnectUseCase {

    /** The connection that was removed, or empty if there was none. */
    Optional<Connection> disconnect(DisconnectCommand command);

    record DisconnectCommand(ConnectionId connectionId) {
        public DisconnectCommand {
            Objects.requireNonNull(connectionId, "connectionId");
        }
    }
}
