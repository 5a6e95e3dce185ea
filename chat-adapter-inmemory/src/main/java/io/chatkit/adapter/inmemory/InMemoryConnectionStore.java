package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Connections in memory, both ways, like the table's two records. Thread-safe. A connection that expired (its
 * socket lost without a {@code $disconnect}) is kept {@link #EXPIRED_KEPT} more, so that its frames still hear
 * {@code SESSION_EXPIRED}, then dropped by a sweep every {@value #SAVES_BETWEEN_SWEEPS} connects, as DynamoDB's TTL
 * deletes the items: a long-running process holds the connections of the last hours, not of its whole life.
 */
public final class InMemoryConnectionStore implements ConnectionStore {
    public static final java.time.Duration EXPIRED_KEPT = java.time.Duration.ofHours(1);
    private static final int SAVES_BETWEEN_SWEEPS = 100;

    private final Map<ConnectionId, Connection> byId = new HashMap<>();
    private final Map<UserId, Set<ConnectionId>> byUser = new HashMap<>();
    /** When each user's last connection closed: one entry per user who ever went offline. */
    private final Map<UserId, Instant> lastSeen = new HashMap<>();
    private long saves;

    /** Saved and counted under one lock: of two connects of a user at once, exactly one is the first. */
    @Override
    public synchronized OptionalInt saveCounted(Connection connection, int maxLivePerUser) {
        return ConnectionStore.super.saveCounted(connection, maxLivePerUser);
    }

    /**
     * Removed and counted under one lock: of two closes of a user's last connections at once, one is the last;
     * {@code at} is kept as when the user was last seen.
     */
    @Override
    public synchronized Optional<Closed> close(ConnectionId id, Instant at) {
        Optional<Closed> closed = ConnectionStore.super.close(id, at);
        closed.ifPresent(removed -> lastSeen.put(removed.connection().userId(), at));
        return closed;
    }

    /** Forgotten and counted under one lock, {@code at} kept as when the user was last seen, as by {@link #close}. */
    @Override
    public synchronized OptionalInt forgetCounted(Connection connection, Instant at) {
        OptionalInt left = ConnectionStore.super.forgetCounted(connection, at);
        if (left.isPresent()) {
            lastSeen.put(connection.userId(), at);
        }
        return left;
    }

    /** Online with a live connection; else last seen when the last closed, or expired if that came later. */
    @Override
    public synchronized Map<UserId, Presence> presenceOf(Collection<UserId> users, Instant now) {
        Map<UserId, Presence> presence = new HashMap<>();
        for (UserId user : users) {
            Optional<Instant> seen = Optional.ofNullable(lastSeen.get(user));
            boolean online = false;
            for (ConnectionId id : byUser.getOrDefault(user, Set.of())) {
                Connection connection = byId.get(id);
                online |= connection.isLiveAt(now);
                if (seen.isEmpty() || connection.expiresAt().isAfter(seen.get())) {
                    seen = Optional.of(connection.expiresAt());
                }
            }
            presence.put(user, online ? Presence.ONLINE : seen.map(Presence::lastSeen).orElse(Presence.OFFLINE));
        }
        return presence;
    }

    @Override
    public synchronized void save(Connection connection) {
        if (++saves % SAVES_BETWEEN_SWEEPS == 0) {
            Instant forgettable = connection.connectedAt().minus(EXPIRED_KEPT);
            byId.values().stream().filter(held -> !held.isLiveAt(forgettable)).toList().forEach(this::forget);
        }
        remove(connection.id());
        byId.put(connection.id(), connection);
        byUser.computeIfAbsent(connection.userId(), user -> new LinkedHashSet<>()).add(connection.id());
    }

    @Override
    public synchronized Optional<Connection> find(ConnectionId id, Instant now) {
        return Optional.ofNullable(byId.get(id)).filter(connection -> connection.isLiveAt(now));
    }

    @Override
    public synchronized Optional<Connection> lookup(ConnectionId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Connection> remove(ConnectionId id) {
        Connection removed = byId.remove(id);
        if (removed == null) {
            return Optional.empty();
        }
        Set<ConnectionId> ofUser = byUser.get(removed.userId());
        ofUser.remove(id);
        if (ofUser.isEmpty()) {
            byUser.remove(removed.userId());
        }
        return Optional.of(removed);
    }

    @Override
    public synchronized void forget(Connection connection) {
        Connection current = byId.get(connection.id());
        if (current != null && current.userId().equals(connection.userId())) {
            remove(connection.id());
        }
        Set<ConnectionId> ofUser = byUser.get(connection.userId());
        if (ofUser != null && ofUser.remove(connection.id()) && ofUser.isEmpty()) {
            byUser.remove(connection.userId());
        }
    }

    @Override
    public synchronized List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now) {
        return users.stream().distinct()
                .flatMap(user -> byUser.getOrDefault(user, Set.of()).stream())
                .map(byId::get)
                .filter(connection -> connection.isLiveAt(now))
                .toList();
    }

    /** How many connection records are held, expired ones included (for tests and leak checks). */
    public synchronized int size() {
        return byId.size();
    }
}
