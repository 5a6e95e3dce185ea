package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import java.time.Instant;
import java.util.Optional;

/**
 * Who is calling: the live connection a request came over. A connection the chat never knew is
 * {@code NOT_CONNECTED}; one that outlived its token or its time is {@code SESSION_EXPIRED}, and is closed at the
 * gateway and forgotten on the spot, so that its socket stops receiving too.
 */
final class CallerConnections {
    private final Broadcaster broadcaster;

    CallerConnections(Broadcaster broadcaster) {
        this.broadcaster = broadcaster;
    }

    Outcome<Connection> live(ConnectionId id, Optional<Connection> found, Instant now) {
        if (found.isEmpty()) {
            return Outcome.rejected(Code.NOT_CONNECTED, "connection " + id + " is not connected");
        }
        if (!found.get().isLiveAt(now)) {
            broadcaster.closeExpired(found.get());
            return Outcome.rejected(Code.SESSION_EXPIRED, "the session of connection " + id + " has expired at "
                    + found.get().expiresAt() + "; sign in again");
        }
        return Outcome.accepted(found.get());
    }
}
