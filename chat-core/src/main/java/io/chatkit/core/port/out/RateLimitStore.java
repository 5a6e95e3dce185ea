package io.chatkit.core.port.out;

import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import java.time.Instant;

/**
 * Where each user's allowances stand ({@link RateLimit}). Every process of a deployment must share one, or a user
 * gets an allowance per process: the DynamoDB store keeps them in the chat's table; {@link #inProcess()} is for a
 * single process (tests, the local gateway, an embedded server).
 */
public interface RateLimitStore {

    /**
     * Takes one use of {@code limit} for {@code user} at {@code now} if the allowance has one left; a refused use
     * changes nothing. Concurrent takes for one user are counted exactly.
     */
    Admission take(UserId user, RateLimit limit, Instant now);

    /** Allowances in this process's memory; used-up allowances are forgotten as they refill. */
    static RateLimitStore inProcess() {
        return new InProcessRateLimits();
    }
}
