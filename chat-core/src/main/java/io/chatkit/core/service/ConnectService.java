package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.port.in.ConnectUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Duration;

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
        Connection connection = new Connection(command.connectionId(), command.userId(),
                command.connectedAt(), command.connectedAt().plus(connectionTtl));
        connections.save(connection);
        return connection;
    }
}
