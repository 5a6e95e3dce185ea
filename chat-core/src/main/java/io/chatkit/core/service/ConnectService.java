package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.port.in.ConnectUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

public final class ConnectService implements ConnectUseCase {
    private final ConnectionStore connections;
    private final Duration connectionTtl;
    private final Allowances allowances;
    private final PresenceNotices presence;

    ConnectService(ConnectionStore connections, Duration connectionTtl, Allowances allowances,
                   PresenceNotices presence) {
        this.allowances = allowances;
        this.presence = presence;
        if (connectionTtl.isNegative() || connectionTtl.isZero()) {
            throw new IllegalArgumentException("connection TTL must be positive: " + connectionTtl);
        }
        this.connections = connections;
        this.connectionTtl = connectionTtl;
    }

    @Override
    public Outcome<Connection> connect(ConnectCommand command) {
        if (command.notAfter().filter(tokenEnds -> !tokenEnds.isAfter(command.connectedAt())).isPresent()) {
            // a verifier's clock skew can pass a token whose exp has just gone by: no connection can live on it
            return Outcome.rejected(new Rejection(Rejection.Code.SESSION_EXPIRED, "the token expired at "
                    + command.notAfter().get() + ", before the connection opened; sign in again"));
        }
        Instant lifetimeEnds = command.connectedAt().plus(connectionTtl);
        Instant expiresAt = command.notAfter().filter(tokenEnds -> tokenEnds.isBefore(lifetimeEnds))
                .orElse(lifetimeEnds);
        Connection connection = new Connection(command.connectionId(), command.userId(), command.connectedAt(),
                expiresAt);
        return allowances.admitConnect(command.userId(), command.connectedAt()).then(user -> save(connection));
    }

    private Outcome<Connection> save(Connection connection) {
        int most = allowances.limits().connectionsPerUser();
        OptionalInt live = connections.saveCounted(connection, most);
        if (live.isEmpty()) {
            return Outcome.rejected(new Rejection(Rejection.Code.RATE_LIMITED, "user " + connection.userId()
                    + " already has " + most + " live connections; close one first", Duration.ZERO));
        }
        allowances.remember(connection);
        if (live.getAsInt() == 1) {
            presence.cameOnline(connection.userId());
        }
        return Outcome.accepted(connection);
    }
}
