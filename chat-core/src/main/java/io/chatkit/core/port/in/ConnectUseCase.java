package io.chatkit.core.port.in;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Objects;

/** Records a new connection of an already authenticated user. */
public interface ConnectUseCase {

    Connection connect(ConnectCommand command);

    record ConnectCommand(ConnectionId connectionId, UserId userId, Instant connectedAt) {
        public ConnectCommand {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(connectedAt, "connectedAt");
        }
    }
}
