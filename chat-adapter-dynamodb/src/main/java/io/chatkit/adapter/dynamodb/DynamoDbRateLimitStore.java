package io.chatkit.adapter.dynamodb;

import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.StoreException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Users' allowances in the chat's table, one item {@code USER#{userId}/LIMIT#{name}} per user and limit holding
 * the instant {@link RateLimit} keeps ({@code until}, epoch milliseconds) and a {@code ttl} at which it no longer
 * limits anything, so idle users' items expire.
 *
 * <p>One conditional update admits a use in the common case — a user whose allowance has refilled since their
 * last use, which at the default 20 frames a second is anyone not sending several frames within 50 ms. A user in
 * a burst costs a second update (from where the instant stands, if still within the allowance); a refused use
 * costs a read besides, for the wait it answers with. No read-modify-write: concurrent takes from any number of
 * processes are counted exactly.
 */
public final class DynamoDbRateLimitStore implements RateLimitStore {
    private static final String UNTIL = "until";
    private static final int ATTEMPTS = 5;

    private final TableClient table;

    public DynamoDbRateLimitStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new TableClient(dynamoDb, tableName, executor);
    }

    @Override
    public Admission take(UserId user, RateLimit limit, Instant now) {
        String sortKey = "LIMIT#" + limit.name();
        AllowanceItem allowance = new AllowanceItem(Keys.key(Keys.user(user), sortKey), UNTIL, Optional.empty(), true);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (allowance.take(table, limit, now).isPresent()) {
                return Admission.admit();
            }
            Optional<Instant> until = table.getItem(Keys.user(user), sortKey)
                    .flatMap(allowance::standsIn);
            if (until.isPresent() && !limit.admits(until.get(), now)) {
                return Admission.refuse(limit.retryAfter(until.get(), now));
            }
            // The item changed between the two updates (another take, or the item expired): try again.
        }
        throw new StoreException("the " + limit.name() + " allowance of " + user + " is too busy to take from");
    }
}
