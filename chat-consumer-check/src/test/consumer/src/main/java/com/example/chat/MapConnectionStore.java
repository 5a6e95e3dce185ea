package com.example.chat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A team's own ConnectionStore: one map, connection id to connection. */
public final class MapConnectionStore implements ConnectionStore {
    private final Map<ConnectionId, Connection> connections = new ConcurrentHashMap<>();

    @Override
    public void save(Connection connection) {
        connections.put(connection.id(), connection);
    }

    @Override
    public Optional<Connection> find(ConnectionId id, Instant now) {
        return Optional.ofNullable(connections.get(id)).filter(connection -> connection.expiresAt().isAfter(now));
    }

    @Override
    public Optional<Connection> remove(ConnectionId id) {
        return Optional.ofNullable(connections.remove(id));
    }

    @Override
    public void forget(Connection connection) {
        connections.remove(connection.id());
    }

    @Override
    public List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now) {
        return connections.values().stream()
                .filter(connection -> users.contains(connection.userId()) && connection.expiresAt().isAfter(now))
                .toList();
    }
}
