package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;

import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.RateLimitStore;
import io.chatkit.core.port.out.StoreException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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

    private final Table table;

    public DynamoDbRateLimitStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new Table(dynamoDb, tableName, executor);
    }

    @Override
    public Admission take(UserId user, RateLimit limit, Instant now) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (takeRefilled(user, limit, now) || takeInBurst(user, limit, now)) {
                return Admission.admit();
            }
            Optional<Instant> until = table.getItem(Keys.user(user), key(limit))
                    .map(item -> Instant.ofEpochMilli(Long.parseLong(item.get(UNTIL).n())));
            if (until.isPresent() && !limit.admits(until.get(), now)) {
                return Admission.refuse(limit.retryAfter(until.get(), now));
            }
            // The item changed between the two updates (another take, or the item expired): try again.
        }
        throw new StoreException("the " + limit.name() + " allowance of " + user + " is too busy to take from");
    }

    /** The allowance refilled to full since its last use (or was never used): the use starts it anew. */
    private boolean takeRefilled(UserId user, RateLimit limit, Instant now) {
        Instant until = limit.afterUse(now, now);
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(user), key(limit)))
                .updateExpression("SET #until = :until, #ttl = :ttl")
                .conditionExpression("attribute_not_exists(#until) OR #until <= :now")
                .expressionAttributeNames(Map.of("#until", UNTIL, "#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":until", n(until.toEpochMilli()), ":ttl", ttl(until, limit),
                        ":now", n(now.toEpochMilli())))));
    }

    /** The allowance is in use and has room for one more: the instant moves on one interval. */
    private boolean takeInBurst(UserId user, RateLimit limit, Instant now) {
        Instant latest = limit.admitsUpTo(now);
        Map<String, AttributeValue> values = Map.of(":interval", n(limit.interval().toMillis()),
                ":now", n(now.toEpochMilli()), ":latest", n(latest.toEpochMilli()),
                ":ttl", ttl(limit.afterUse(latest, now), limit));
        return table.conditionally(() -> table.client.updateItem(b -> b.tableName(table.name)
                .key(Keys.key(Keys.user(user), key(limit)))
                .updateExpression("SET #until = #until + :interval, #ttl = :ttl")
                .conditionExpression("#until > :now AND #until <= :latest")
                .expressionAttributeNames(Map.of("#until", UNTIL, "#ttl", Keys.TTL))
                .expressionAttributeValues(values)));
    }

    private static String key(RateLimit limit) {
        return "LIMIT#" + limit.name();
    }

    /** Epoch seconds after which the instant no longer limits anything. */
    private static AttributeValue ttl(Instant until, RateLimit limit) {
        return n(limit.forgettableAfter(until).getEpochSecond() + 1);
    }
}
