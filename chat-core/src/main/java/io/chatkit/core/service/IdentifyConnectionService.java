package io.chatkit.core.service;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.IdentifyConnectionUseCase;
import io.chatkit.core.port.in.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public final class IdentifyConnectionService implements IdentifyConnectionUseCase {
    private final CallerConnections callers;
    private final Clock clock;
    private final Allowances allowances;

    IdentifyConnectionService(Broadcaster broadcaster, Clock clock, Allowances allowances) {
        this.allowances = allowances;
        this.callers = new CallerConnections(broadcaster);
        this.clock = clock;
    }

    /**
     * The connection's user, once the frame is taken from the user's allowance; {@code NOT_CONNECTED} if
     * unknown, {@code SESSION_EXPIRED} (and closed) if expired, {@code RATE_LIMITED} beyond the allowance.
     */
    @Override
    public Outcome<UserId> userOf(ConnectionId connectionId) {
        Instant now = clock.instant();
        Allowances.Caller looked = allowances.lookUp(connectionId, now);
        return allowances.admitFrame(callers.live(connectionId, looked.connection(), now), looked, now)
                .then(live -> Outcome.accepted(live.userId()));
    }

    @Override
    public Outcome<UserId> whoIs(ConnectionId connectionId) {
        Optional<UserId> known = allowances.knownUser(connectionId);
        if (known.isPresent()) {
            return Outcome.accepted(known.get());
        }
        return callers.live(connectionId, allowances.lookUpUnknown(connectionId), clock.instant()).then(live -> {
            allowances.remember(live);
            return Outcome.accepted(live.userId());
        });
    }

    @Override
    public void recognise(ConnectionId connectionId, UserId user) {
        allowances.remember(connectionId, user);
    }
}
