package io.chatkit.core.port.in;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Records a new connection of an already authenticated user. */
public interface ConnectUseCase {

    /**
     * The stored connection; {@code SESSION_EXPIRED} when the credentials expired at or before the connection
     * opened (gateways refuse the handshake with 401); {@code RATE_LIMITED} when the user already has as many live
     * connections as the chat's limits allow (gateways refuse the handshake with 429).
     */
    Outcome<Connection> connect(ConnectCommand command);

    /**
     * {@code notAfter}: when the credentials the user connected with expire (a token's {@code exp}); the
     * connection lives until then or the configured lifetime, whichever ends first.
     */
    record ConnectCommand(ConnectionId connectionId, UserId userId, Instant connectedAt, Optional<Instant> notAfter) {
        public ConnectCommand(ConnectionId connectionId, UserId userId, Instant connectedAt) {
            this(connectionId, userId, connectedAt, Optional.empty());
        }

        public ConnectCommand {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(connectedAt, "connectedAt");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }
}
