package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.IdentifyConnectionUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Clock;

public final class IdentifyConnectionService implements IdentifyConnectionUseCase {
    private final ConnectionStore connections;
    private final Clock clock;

    public IdentifyConnectionService(ConnectionStore connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    @Override
    public Outcome<UserId> userOf(ConnectionId connectionId) {
        return connections.find(connectionId, clock.instant())
                .map(Connection::userId)
                .map(Outcome::accepted)
                .orElseGet(() -> Outcome.rejected(Code.NOT_CONNECTED, "connection " + connectionId + " is not connected"));
    }
}
