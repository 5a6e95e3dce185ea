package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;

import io.chatkit.core.domain.RateLimit;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Where a user's {@link RateLimit} stands: the instant it keeps, epoch milliseconds, in one attribute of one item,
 * taken from by conditional updates alone. An allowance that has refilled since its last use costs one update (the
 * use starts it anew); a user in a burst a second (the instant moves one interval on, if still within the
 * allowance). Never a read-modify-write, so concurrent takes from any number of processes are counted exactly.
 *
 * @param requires an attribute the item must hold for a take (the connections item: the connection's), if any
 * @param ttlFollows whether the item's {@code ttl} follows the instant (an item of its own, which may expire once it
 *                   limits nothing)
 */
record AllowanceItem(Map<String, AttributeValue> key, String attribute, Optional<String> requires, boolean ttlFollows) {

    /** The item as the take left it; empty when nothing was taken (used up, or the required attribute missing). */
    Optional<Map<String, AttributeValue>> take(TableClient table, RateLimit limit, Instant now) {
        Instant latest = limit.admitsUpTo(now);
        return update(table, "#until = :until", "attribute_not_exists(#until) OR #until <= :now",
                Map.of(":until", n(limit.afterUse(now, now).toEpochMilli()), ":now", n(now.toEpochMilli())),
                limit, limit.afterUse(now, now))
                .or(() -> update(table, "#until = #until + :interval", "#until > :now AND #until <= :latest",
                        Map.of(":interval", n(limit.step().toMillis()), ":now", n(now.toEpochMilli()),
                                ":latest", n(latest.toEpochMilli())),
                        limit, limit.afterUse(latest, now)));
    }

    /** The instant the item holds, if it holds one. */
    Optional<Instant> standsIn(Map<String, AttributeValue> item) {
        return Optional.ofNullable(item.get(attribute)).map(value -> Instant.ofEpochMilli(Long.parseLong(value.n())));
    }

    private Optional<Map<String, AttributeValue>> update(TableClient table, String set, String condition,
                                                         Map<String, AttributeValue> values, RateLimit limit,
                                                         Instant untilAtMost) {
        Map<String, String> names = new HashMap<>(Map.of("#until", attribute));
        Map<String, AttributeValue> allValues = new HashMap<>(values);
        String expression = "SET " + set;
        if (ttlFollows) {
            names.put("#ttl", Keys.TTL);
            allValues.put(":ttl", n(limit.forgettableAfter(untilAtMost).getEpochSecond() + 1));
            expression += ", #ttl = :ttl";
        }
        String fullCondition = condition;
        if (requires.isPresent()) {
            names.put("#required", requires.get());
            fullCondition = "attribute_exists(#required) AND (" + condition + ")";
        }
        String update = expression;
        String when = fullCondition;
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name).key(key)
                .updateExpression(update)
                .conditionExpression(when)
                .expressionAttributeNames(names)
                .expressionAttributeValues(allValues)
                .returnValues(ReturnValue.ALL_NEW)).attributes());
    }
}
