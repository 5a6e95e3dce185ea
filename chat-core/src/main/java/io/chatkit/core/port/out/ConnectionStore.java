package io.chatkit.core.port.out;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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

    /**
     * Removes both records of a connection whose user is known (a push found it gone). Needs no read
     * first, and is idempotent: it also cleans up a user's record left behind by an earlier, partial removal.
     */
    void forget(Connection connection);

    /** Every live connection of these users, in no particular order. */
    List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now);
}
