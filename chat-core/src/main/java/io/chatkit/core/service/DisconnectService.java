package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.port.in.DisconnectUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import java.util.Optional;

public final class DisconnectService implements DisconnectUseCase {
    private final ConnectionStore connections;

    public DisconnectService(ConnectionStore connections) {
        this.connections = connections;
    }

    @Override
    public Optional<Connection> disconnect(DisconnectCommand command) {
        return connections.remove(command.connectionId());
    }
}
