package io.chatkit.core.service;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.IdentifyConnectionUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Clock;

public final class IdentifyConnectionService implements IdentifyConnectionUseCase {
    private final ConnectionStore connections;
    private final Callers callers;
    private final Clock clock;

    IdentifyConnectionService(ConnectionStore connections, Broadcaster broadcaster, Clock clock) {
        this.connections = connections;
        this.callers = new Callers(broadcaster);
        this.clock = clock;
    }

    /** The connection's user; {@code NOT_CONNECTED} if unknown, {@code SESSION_EXPIRED} (and closed) if expired. */
    @Override
    public Outcome<UserId> userOf(ConnectionId connectionId) {
        return callers.live(connectionId, connections.lookup(connectionId), clock.instant())
                .then(caller -> Outcome.accepted(caller.userId()));
    }
}
