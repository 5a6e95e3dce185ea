package io.chatkit.core.port.out;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Who is connected: each connection is kept both ways (connection to user, user to all their
 * connections). Expired connections are invisible to every read, whether or not the store has
 * deleted them yet.
 */
public interface ConnectionStore {

    /** Stores both records; saving the same connection again replaces it. */
    void save(Connection connection);

    /**
     * Stores the connection unless its user would then have more than {@code maxLivePerUser} live connections;
     * true if stored. A refused connection leaves nothing behind. Two connects racing for the last place may both
     * be refused, never both stored. By default {@link #save}, then a count, then a removal if over.
     */
    default boolean saveWithin(Connection connection, int maxLivePerUser) {
        save(connection);
        if (liveConnectionsOf(List.of(connection.userId()), connection.connectedAt()).size() <= maxLivePerUser) {
            return true;
        }
        forget(connection);
        return false;
    }

    /**
     * As {@link #saveWithin}, and how many live connections the user has now, this one included (1: they just came
     * online); empty, and nothing stored, beyond the limit. By default {@link #saveWithin}, then a count.
     */
    default OptionalInt saveCounted(Connection connection, int maxLivePerUser) {
        if (!saveWithin(connection, maxLivePerUser)) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(liveConnectionsOf(List.of(connection.userId()), connection.connectedAt()).size());
    }

    /** The live connection with this id, or empty if it is unknown or expired at {@code now}. */
    Optional<Connection> find(ConnectionId id, Instant now);

    /**
     * The connection with this id, expired or not, so that a caller can tell a connection that outlived its time
     * from one it never knew; empty if unknown. By default, {@link #find} at the beginning of time, when every
     * stored connection is live.
     */
    default Optional<Connection> lookup(ConnectionId id) {
        return find(id, Instant.MIN);
    }

    /**
     * The users' frame allowances, when this store keeps each beside the user's connections (so that a frame is
     * checked and charged in one request); empty by default, and the chat then takes frames from its rate-limit
     * store beside a look-up of the connection.
     */
    default Optional<FrameAllowances> frameAllowances() {
        return Optional.empty();
    }

    /** Removes both records and returns what was removed; an unknown id is a no-op. */
    Optional<Connection> remove(ConnectionId id);

    /** What closing a connection left: the connection, and how many live connections its user still has. */
    record Closed(Connection connection, int liveLeft) {
    }

    /**
     * As {@link #remove}, and how many live connections the user has left at {@code at} (0: they just went offline).
     * A store that keeps when users were last seen keeps {@code at} as the user's, with the removal, and answers it
     * in {@link #presenceOf}. By default {@link #remove}, then a count, and no last-seen time.
     */
    default Optional<Closed> close(ConnectionId id, Instant at) {
        return remove(id).map(closed -> new Closed(closed,
                liveConnectionsOf(List.of(closed.userId()), at).size()));
    }

    /**
     * Each user's presence at {@code now}: online with a live connection, else when their last one closed, if
     * kept. By default from {@link #liveConnectionsOf}, without a last-seen time.
     */
    default Map<UserId, Presence> presenceOf(Collection<UserId> users, Instant now) {
        Set<UserId> online = new HashSet<>();
        liveConnectionsOf(users, now).forEach(connection -> online.add(connection.userId()));
        Map<UserId, Presence> presence = new HashMap<>();
        users.forEach(user -> presence.put(user, online.contains(user) ? Presence.ONLINE : Presence.OFFLINE));
        return presence;
    }

    /**
     * Removes both records of a connection whose user is known (a push found it gone). Needs no read
     * first, and is idempotent: it also cleans up a user's record left behind by an earlier, partial removal.
     */
    void forget(Connection connection);

    /**
     * As {@link #forget}, and how many live connections the user has left at {@code at} (0: the forgotten one was
     * their last, and they just went offline); empty if the store no longer held the connection (closed or forgotten
     * meanwhile), so that going offline is told once. A store that keeps when users were last seen keeps {@code at} as
     * the user's, as {@link #close} does. By default a {@link #lookup}, {@link #forget}, then a count.
     */
    default OptionalInt forgetCounted(Connection connection, Instant at) {
        boolean held = lookup(connection.id()).isPresent();
        forget(connection);
        return held ? OptionalInt.of(liveConnectionsOf(List.of(connection.userId()), at).size()) : OptionalInt.empty();
    }

    /** Every live connection of these users, in no particular order. */
    List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now);
}
