package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.port.in.ConnectUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Duration;
import java.time.Instant;

public final class ConnectService implements ConnectUseCase {
    private final ConnectionStore connections;
    private final Duration connectionTtl;

    public ConnectService(ConnectionStore connections, Duration connectionTtl) {
        if (connectionTtl.isNegative() || connectionTtl.isZero()) {
            throw new IllegalArgumentException("connection TTL must be positive: " + connectionTtl);
        }
        this.connections = connections;
        this.connectionTtl = connectionTtl;
    }

    @Override
    public Connection connect(ConnectCommand command) {
        Instant lifetimeEnds = command.connectedAt().plus(connectionTtl);
        Instant expiresAt = command.notAfter().filter(tokenEnds -> tokenEnds.isBefore(lifetimeEnds))
                .orElse(lifetimeEnds);
        Connection connection = new Connection(command.connectionId(), command.userId(), command.connectedAt(),
                expiresAt);
        connections.save(connection);
        return connection;
    }
}
