package io.chatkit.core.port.out;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
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
     * Looks up a connection of a known user and takes one frame from that user's {@code allowance} in the same step,
     * for a store that keeps a user's connections and their frame allowance together (the DynamoDB store: one
     * conditional update of the user's item, the request a look-up would have cost). The frame is taken only if the
     * connection is one of the user's; concurrent takes are counted exactly. Empty when the store keeps no
     * allowances (the default): the chat then looks the connection up and takes the frame from its
     * {@link RateLimitStore}. A store that answers must answer every time, so that a user has one allowance.
     */
    default Optional<TakenFrame> lookupTakingFrame(ConnectionId id, UserId user, RateLimit allowance, Instant now) {
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
