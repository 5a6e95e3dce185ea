package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One open WebSocket of a user (a user may have many: tabs, devices). It expires at
 * {@code expiresAt} even if no disconnect ever arrives; from then on it is treated as gone.
 */
public record Connection(ConnectionId id, UserId userId, Instant connectedAt, Instant expiresAt) {
    public Connection {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(connectedAt, "connectedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(connectedAt)) {
            throw new IllegalArgumentException("a connection must expire after it connected");
        }
    }

    public boolean isLiveAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
