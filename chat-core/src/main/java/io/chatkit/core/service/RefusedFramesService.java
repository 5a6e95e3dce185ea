package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.RefusedFramesUseCase;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Counts each connection's refusals in a row in this process (on Lambda, per container: a socket's frames spread
 * over several warm containers are counted in each, so it is closed after at most that many times the limit).
 */
public final class RefusedFramesService implements RefusedFramesUseCase {
    private static final int TRACKED_CONNECTIONS = 10_000;

    private final Allowances allowances;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final Map<ConnectionId, Integer> inARow = Recent.atMost(TRACKED_CONNECTIONS);

    RefusedFramesService(Allowances allowances, Broadcaster broadcaster, Clock clock) {
        this.allowances = allowances;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public boolean refused(ConnectionId connection, boolean beforeAnyUseCase) {
        Instant now = clock.instant();
        Optional<Connection> charged = beforeAnyUseCase ? allowances.chargeRefused(connection, now) : Optional.empty();
        int refusals;
        synchronized (inARow) {
            refusals = inARow.merge(connection, 1, Integer::sum);
            if (refusals >= allowances.limits().refusalsInARow()) {
                inARow.remove(connection);
            }
        }
        if (refusals < allowances.limits().refusalsInARow()) {
            return false;
        }
        broadcaster.closeRefusedTooOften(connection, charged, refusals);
        return true;
    }

    @Override
    public void answered(ConnectionId connection) {
        synchronized (inARow) {
            inARow.remove(connection);
        }
    }
}
