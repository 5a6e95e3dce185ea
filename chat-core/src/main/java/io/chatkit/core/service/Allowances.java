package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.FrameAllowances;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.TakenFrame;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the connection a frame came from and takes the frame from its user's allowance
 * ({@link ChatLimits#frames()}) without a round trip of its own: a connection's user never changes, so once this
 * process has seen a connection it knows whose allowance to take from while it looks the connection up — in the
 * same request where the store keeps both together ({@link FrameAllowances#take}).
 * Only a connection's first frame in a process is taken after the look-up.
 */
final class Allowances {
    private static final int KNOWN_CONNECTIONS = 10_000;

    private final ConnectionStore connections;
    private final FrameAllowances frames;
    private final RateLimitStore store;
    private final ChatLimits limits;
    private final Map<ConnectionId, UserId> known = Recent.atMost(KNOWN_CONNECTIONS);

    Allowances(ConnectionStore connections, FrameAllowances frames, RateLimitStore store, ChatLimits limits) {
        this.connections = connections;
        this.frames = frames;
        this.store = store;
        this.limits = limits;
    }

    ChatLimits limits() {
        return limits;
    }

    /**
     * A frame's connection as looked up (live or not), and the frame's admission when it could be taken in the
     * same round; {@code frame} is meaningless when the connection was not found.
     */
    record Caller(Optional<Connection> connection, Optional<Admission> frame) {
    }

    /** The user of a connection this process has seen already: a connection's user never changes. */
    Optional<UserId> knownUser(ConnectionId id) {
        synchronized (known) {
            return Optional.ofNullable(known.get(id));
        }
    }

    Caller lookUp(ConnectionId id, Instant now) {
        return knownUser(id).map(user -> lookUpAs(id, user, now))
                .orElseGet(() -> new Caller(lookUpUnknown(id), Optional.empty()));
    }

    /** The connection as stored, without taking a frame (one look-up). */
    Optional<Connection> lookUpUnknown(ConnectionId id) {
        return connections.lookup(id);
    }

    /** The connection of a user the caller names, and the frame taken from that user's allowance in one step. */
    Caller lookUpAs(ConnectionId id, UserId user, Instant now) {
        TakenFrame taken = frames.take(id, user, limits.frames(), now);
        return taken.connection().isPresent()
                ? new Caller(taken.connection(), Optional.of(taken.admission()))
                // Not among the user's connections: gone, or expired and tidied away since. Its own record
                // tells which, so that an expired connection still hears SESSION_EXPIRED and is closed.
                : new Caller(connections.lookup(id), Optional.empty());
    }

    /** The caller, once its frame is admitted; the frame is taken here if the look-up could not take it. */
    Outcome<Connection> admitFrame(Outcome<Connection> caller, Caller looked, Instant now) {
        return caller.then(connection -> {
            remember(connection);
            Optional<Admission> admission = looked.frame().or(() -> takeAfterLookUp(connection, now));
            if (admission.isEmpty()) {
                // its own record says live, its user's connections do not name it (a connect or disconnect that
                // failed half-way): nothing can be charged, so nothing is admitted
                return Outcome.rejected(Rejection.Code.NOT_CONNECTED, "connection " + connection.id()
                        + " is not among its user's connections; reconnect");
            }
            return admission.get().admitted() ? caller : refused(admission.get(), limits.frames(), "frames");
        });
    }

    /** The frame taken from the user's allowance; empty if the store says the connection is not the user's. */
    private Optional<Admission> takeAfterLookUp(Connection connection, Instant now) {
        TakenFrame taken = frames.take(connection.id(), connection.userId(), limits.frames(), now);
        return taken.connection().map(found -> taken.admission());
    }

    /**
     * Charges a frame that was refused before any use case ran to its user's allowance, as a use case would have:
     * the connection as looked up (empty if unknown: nothing to charge).
     */
    Optional<Connection> chargeRefused(ConnectionId id, Instant now) {
        Caller looked = lookUp(id, now);
        looked.connection().ifPresent(connection -> {
            remember(connection);
            if (looked.frame().isEmpty()) {
                takeAfterLookUp(connection, now);
            }
        });
        return looked.connection();
    }

    Outcome<UserId> admitConnect(UserId user, Instant now) {
        Admission admission = store.take(user, limits.connects(), now);
        return admission.admitted() ? Outcome.accepted(user) : refused(admission, limits.connects(), "connects");
    }

    Outcome<UserId> admitRoomChange(UserId user, Instant now) {
        Admission admission = store.take(user, limits.roomChanges(), now);
        return admission.admitted() ? Outcome.accepted(user)
                : refused(admission, limits.roomChanges(), "room changes (createRoom, addMembers, unblockUser)");
    }

    Outcome<UserId> admitMessageChange(UserId user, Instant now) {
        Admission admission = store.take(user, limits.messageChanges(), now);
        return admission.admitted() ? Outcome.accepted(user)
                : refused(admission, limits.messageChanges(), "edits and deletes");
    }

    /** A use of an allowance the caller names ({@code what}, for the refusal's message): uploads, their megabytes. */
    Outcome<UserId> admit(UserId user, RateLimit limit, String what, Instant now) {
        Admission admission = store.take(user, limit, now);
        return admission.admitted() ? Outcome.accepted(user) : refused(admission, limit, what);
    }

    void remember(Connection connection) {
        remember(connection.id(), connection.userId());
    }

    void remember(ConnectionId id, UserId user) {
        synchronized (known) {
            known.put(id, user);
        }
    }

    private static <T> Outcome<T> refused(Admission admission, RateLimit limit, String what) {
        return Outcome.rejected(new Rejection(Rejection.Code.RATE_LIMITED,
                "too many " + what + ": at most " + limit.burst() + " at once, then one every "
                        + limit.interval().toMillis() + " ms; retry after " + admission.retryAfter().toMillis()
                        + " ms", admission.retryAfter()));
    }
}
