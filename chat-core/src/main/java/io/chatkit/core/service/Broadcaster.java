package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.Pusher;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Tells users' connections about something, and forgets every connection the pusher reports gone
 * (both of its records), so a dead tab is cleaned up the first time anyone talks to it. When a connection it forgets
 * (gone, expired or refused too often) was its user's last, it says so to whoever is listening (the presence
 * notices), as a {@code $disconnect} of the last one would.
 */
final class Broadcaster {
    private static final System.Logger LOG = System.getLogger(Broadcaster.class.getName());

    private final ConnectionStore connections;
    private final Pusher pusher;
    private final Clock clock;
    private volatile BiConsumer<UserId, Instant> lastConnectionForgotten = (user, at) -> { };

    Broadcaster(ConnectionStore connections, Pusher pusher, Clock clock) {
        this.connections = connections;
        this.pusher = pusher;
        this.clock = clock;
    }

    /**
     * Who is told, with when, that a connection this broadcaster forgot was its user's last: set once, as the chat
     * is put together (the presence notices tell through this broadcaster in turn).
     */
    void whenLastConnectionForgotten(BiConsumer<UserId, Instant> listener) {
        this.lastConnectionForgotten = listener;
    }

    Map<ConnectionId, PushResult> tellUsers(Collection<UserId> users, Notification notification) {
        return tell(connections.liveConnectionsOf(users, clock.instant()), notification);
    }

    /** As {@link #tellUsers}, but for {@code answered}: the connection that has it as its reply already. */
    Map<ConnectionId, PushResult> tellUsersBut(Collection<UserId> users, Optional<ConnectionId> answered,
                                               Notification notification) {
        return tell(butAnswered(connections.liveConnectionsOf(users, clock.instant()), answered), notification);
    }

    /** The recipients without the connection a use case answers directly: one push less, no echo. */
    static List<Connection> butAnswered(List<Connection> recipients, Optional<ConnectionId> answered) {
        return answered.isEmpty() ? recipients
                : recipients.stream().filter(connection -> !connection.id().equals(answered.get())).toList();
    }

    Map<ConnectionId, PushResult> tell(List<Connection> recipients, Notification notification) {
        if (recipients.isEmpty()) {
            return Map.of();
        }
        Map<ConnectionId, Connection> byId = new LinkedHashMap<>();
        recipients.forEach(connection -> byId.putIfAbsent(connection.id(), connection));
        Map<ConnectionId, PushResult> results = pusher.push(byId.keySet(), notification);
        results.forEach((id, result) -> handle(byId.get(id), result));
        return results;
    }

    /** Tells an expired connection so, closes it at the gateway and forgets it. */
    void closeExpired(Connection connection) {
        pusher.push(List.of(connection.id()), new Notification.SessionExpired(connection.expiresAt()));
        pusher.close(connection.id());
        forgetAndTell(connection);
        LOG.log(Level.INFO, "connection {0} of {1} expired at {2}; closed", connection.id(), connection.userId(),
                connection.expiresAt());
    }

    /** Tells a connection whose frames keep being refused so, closes it at the gateway and forgets it. */
    void closeRefusedTooOften(ConnectionId id, Optional<Connection> known, int inARow) {
        pusher.push(List.of(id), new Notification.RefusedTooOften(inARow));
        pusher.close(id);
        known.or(() -> connections.lookup(id)).ifPresent(this::forgetAndTell);
        LOG.log(Level.INFO, "connection {0} closed after {1} refused frames in a row", id, inARow);
    }

    /** Forgets the connection and, if it was its user's last and still held, says they went offline now. */
    private void forgetAndTell(Connection connection) {
        Instant now = clock.instant();
        if (connections.forgetCounted(connection, now).orElse(-1) == 0) {
            lastConnectionForgotten.accept(connection.userId(), now);
        }
    }

    private void handle(Connection connection, PushResult result) {
        if (result instanceof PushResult.Gone) {
            forgetAndTell(connection);
            LOG.log(Level.DEBUG, "connection {0} of {1} is gone; removed", connection.id(), connection.userId());
        } else if (result instanceof PushResult.Failed failed) {
            LOG.log(Level.WARNING, "push to connection {0} failed: {1} {2}", connection.id(), failed.reason(),
                    failed.detail());
        }
    }
}
