package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.port.in.DisconnectUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class DisconnectService implements DisconnectUseCase {
    private final ConnectionStore connections;
    private final PresenceNotices presence;
    private final Clock clock;

    DisconnectService(ConnectionStore connections, PresenceNotices presence, Clock clock) {
        this.connections = connections;
        this.presence = presence;
        this.clock = clock;
    }

    /** Forgets the connection; when it was its user's last, their direct-room peers hear they went offline. */
    @Override
    public Optional<Connection> disconnect(DisconnectCommand command) {
        Instant now = clock.instant();
        Optional<ConnectionStore.Closed> closed = connections.close(command.connectionId(), now);
        closed.filter(left -> left.liveLeft() == 0)
                .ifPresent(last -> presence.wentOffline(last.connection().userId(), now));
        return closed.map(ConnectionStore.Closed::connection);
    }
}
