package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.FrameAllowances;
import io.chatkit.core.port.out.StoreException;
import io.chatkit.core.port.out.TakenFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * Connections in two items: the seed's {@code CONNECTION#{id}/METADATA} (connection to user) and one
 * {@code USER#{userId}/CONNECTIONS} per user holding all their connections, one attribute
 * {@code CONNECTION#{id}} each (a map of connectedAt and expiresAt). One item per user is what lets a send read
 * the connections of 100 members in one BatchGetItem instead of 100 queries. Both carry the {@code ttl} (epoch
 * seconds) DynamoDB expires items by; DynamoDB deletes expired items only eventually, so every read also checks
 * the exact expiry itself.
 *
 * <p>The user's item also holds their frame allowance ({@code LIMIT#frames}: the instant {@link RateLimit} keeps,
 * epoch milliseconds, as {@link DynamoDbRateLimitStore} keeps it in an item of its own), so that a frame from a
 * connection whose user is known is looked up and taken in one conditional update ({@link #take}, offered as
 * {@link #frameAllowances()}).
 *
 * <p>Requests: connect 2 at once (the connection's item, and an update of the user's), disconnect 2 (delete
 * returning the user, then the update), forgetting a gone connection 2 at once, a look-up 1, a look-up taking a
 * frame 1 (2 in a burst, and a read besides when refused), the connections of N users ⌈N/100⌉ BatchGetItem at once.
 */
public final class DynamoDbConnectionStore implements ConnectionStore, FrameAllowances {
    private static final String USER_ID = "userId";
    private static final String CONNECTED_AT = UserConnectionsItem.CONNECTED_AT;
    private static final String EXPIRES_AT = UserConnectionsItem.EXPIRES_AT;
    private static final String LAST_SEEN_AT = UserConnectionsItem.LAST_SEEN_AT;
    /** How long the user's item outlives their last connection, so that when they were last seen is still known. */
    static final java.time.Duration LAST_SEEN_KEPT = java.time.Duration.ofDays(30);
    private static final int TAKE_ATTEMPTS = 5;

    private final TableClient table;

    public DynamoDbConnectionStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new TableClient(dynamoDb, tableName, executor);
    }

    @Override
    public void save(Connection connection) {
        saveWithin(connection, Integer.MAX_VALUE);
    }

    /**
     * The same two requests as {@link #save}: the user's item comes back from its update with every connection in
     * it, so counting costs nothing; over the limit, the two writes are undone (two more requests, on refusal only).
     */
    @Override
    public boolean saveWithin(Connection connection, int maxLivePerUser) {
        return saveCounted(connection, maxLivePerUser).isPresent();
    }

    /** The same two requests: the user's item comes back from its update, so counting costs nothing. */
    @Override
    public OptionalInt saveCounted(Connection connection, int maxLivePerUser) {
        Map<String, AttributeValue> byId = TableClient.item(
                Keys.PK, s(Keys.connection(connection.id())), Keys.SK, s(Keys.METADATA),
                USER_ID, s(connection.userId().value()),
                CONNECTED_AT, n(connection.connectedAt().toEpochMilli()),
                EXPIRES_AT, n(connection.expiresAt().toEpochMilli()),
                Keys.TTL, n(ttlSeconds(connection.expiresAt())));
        CompletableFuture<Void> saved = table.async(() -> {
            table.call("PutItem", () -> table.client.putItem(b -> b.tableName(table.name).item(byId)));
            return null;
        });
        Map<String, AttributeValue> user = table.call("UpdateItem", () -> table.client.updateItem(b -> b
                .tableName(table.name).key(userKey(connection.userId()))
                .updateExpression("SET #connection = :connection, #ttl = :ttl")
                .expressionAttributeNames(Map.of("#connection", Keys.connection(connection.id()), "#ttl", Keys.TTL))
                .expressionAttributeValues(Map.of(":connection", AttributeValue.fromM(Map.of(
                                CONNECTED_AT, n(connection.connectedAt().toEpochMilli()),
                                EXPIRES_AT, n(connection.expiresAt().toEpochMilli()))),
                        ":ttl", n(ttlSeconds(connection.expiresAt()))))
                .returnValues(ReturnValue.ALL_NEW))).attributes();
        TableClient.join(saved);
        long live = UserConnectionsItem.liveCount(user, connection.connectedAt());
        if (live > maxLivePerUser) {
            forget(connection);
            return OptionalInt.empty();
        }
        tidy(connection, user);
        return OptionalInt.of((int) live);
    }

    /**
     * Keeps the user's item as small as their live connections: removes connections that expired without a
     * {@code $disconnect} (a third request, only when there are such), and keeps the item's {@code ttl} at its
     * longest-lived connection.
     */
    private void tidy(Connection saved, Map<String, AttributeValue> user) {
        List<String> expired = new ArrayList<>();
        long latestExpiry = saved.expiresAt().toEpochMilli();
        for (Map.Entry<String, AttributeValue> attribute : user.entrySet()) {
            if (!attribute.getKey().startsWith(Keys.CONNECTION_PREFIX)) {
                continue;
            }
            long expiresAt = Long.parseLong(attribute.getValue().m().get(EXPIRES_AT).n());
            if (expiresAt <= saved.connectedAt().toEpochMilli()) {
                expired.add(attribute.getKey());
            }
            latestExpiry = Math.max(latestExpiry, expiresAt);
        }
        if (expired.isEmpty() && latestExpiry == saved.expiresAt().toEpochMilli()) {
            return;
        }
        Map<String, String> names = new HashMap<>(Map.of("#ttl", Keys.TTL));
        StringBuilder remove = new StringBuilder();
        for (int i = 0; i < expired.size(); i++) {
            names.put("#e" + i, expired.get(i));
            remove.append(i == 0 ? " REMOVE " : ", ").append("#e").append(i);
        }
        long ttl = ttlSeconds(Instant.ofEpochMilli(latestExpiry));
        table.call("UpdateItem", () -> table.client.updateItem(b -> b.tableName(table.name)
                .key(userKey(saved.userId()))
                .updateExpression("SET #ttl = :ttl" + remove)
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":ttl", n(ttl)))));
    }

    @Override
    public Optional<Connection> find(ConnectionId id, Instant now) {
        return lookup(id).filter(connection -> connection.isLiveAt(now));
    }

    @Override
    public Optional<Connection> lookup(ConnectionId id) {
        return table.getItem(Keys.connection(id), Keys.METADATA)
                .map(i -> connection(id, UserId.of(i.get(USER_ID).s()), i));
    }

    /**
     * One conditional update of the user's item takes the frame only if the connection is in it, and returns it:
     * the request a look-up would have cost. As in {@link DynamoDbRateLimitStore} ({@link AllowanceItem}), an allowance
     * that has refilled takes one update, a user in a burst a second, and a refusal a consistent read for the wait
     * (or to find that the connection is not the user's).
     */
    @Override
    public Optional<FrameAllowances> frameAllowances() {
        return Optional.of(this);
    }

    @Override
    public TakenFrame take(ConnectionId id, UserId user, RateLimit limit, Instant now) {
        String connection = Keys.connection(id);
        AllowanceItem allowance = new AllowanceItem(userKey(user), "LIMIT#" + limit.name(), Optional.of(connection), false);
        for (int attempt = 1; attempt <= TAKE_ATTEMPTS; attempt++) {
            Optional<Map<String, AttributeValue>> taken = allowance.take(table, limit, now);
            if (taken.isPresent()) {
                return new TakenFrame(Optional.of(connectionIn(taken.get(), id, user)), Admission.admit());
            }
            Optional<Map<String, AttributeValue>> item = table.getItem(Keys.user(user), Keys.CONNECTIONS)
                    .filter(found -> found.containsKey(connection));
            if (item.isEmpty()) {
                return TakenFrame.notFound();
            }
            Optional<Instant> stands = allowance.standsIn(item.get());
            if (stands.isPresent() && !limit.admits(stands.get(), now)) {
                return new TakenFrame(Optional.of(connectionIn(item.get(), id, user)),
                        Admission.refuse(limit.retryAfter(stands.get(), now)));
            }
            // The allowance moved between the updates and the read (another take): try again.
        }
        throw new StoreException("the " + limit.name() + " allowance of " + user + " is too busy to take from");
    }

    private static Connection connectionIn(Map<String, AttributeValue> userItem, ConnectionId id, UserId user) {
        return connection(id, user, userItem.get(Keys.connection(id)).m());
    }

    @Override
    public Optional<Connection> remove(ConnectionId id) {
        return close(id, Instant.now()).map(Closed::connection);
    }

    /** The same two requests as {@link #remove}: the user's item comes back from the removal, counted. */
    @Override
    public Optional<Closed> close(ConnectionId id, Instant at) {
        Map<String, AttributeValue> old = table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.connection(id), Keys.METADATA))
                .returnValues(ReturnValue.ALL_OLD))).attributes();
        if (old == null || old.isEmpty()) {
            return Optional.empty();
        }
        Connection removed = connection(id, UserId.of(old.get(USER_ID).s()), old);
        Map<String, AttributeValue> user = removeFromUser(removed, at);
        return Optional.of(new Closed(removed, (int) UserConnectionsItem.liveCount(user, at)));
    }

    /**
     * The users' items, ⌈N/100⌉ BatchGetItem at once (the read {@link #liveConnectionsOf} makes), each read as
     * {@link UserConnectionsItem#presence}.
     */
    @Override
    public Map<UserId, Presence> presenceOf(Collection<UserId> users, Instant now) {
        Map<UserId, Presence> presence = new HashMap<>();
        users.forEach(user -> presence.put(user, Presence.OFFLINE));
        List<Map<String, AttributeValue>> keys = users.stream().distinct().map(DynamoDbConnectionStore::userKey).toList();
        if (keys.isEmpty()) {
            return presence;
        }
        table.batchGet(keys).forEach(item ->
                presence.put(UserConnectionsItem.userOf(item), UserConnectionsItem.presence(item, now)));
        return presence;
    }

    /** Both records at once; removing what is not there is fine, so retries are harmless. */
    @Override
    public void forget(Connection connection) {
        forgetCounted(connection, Instant.now());
    }

    /**
     * Both records removed side by side, as by {@link #forget}: whether the connection was still held is what its
     * deletion returns, and the count is read from the user's item as the removal left it. No request more.
     */
    @Override
    public OptionalInt forgetCounted(Connection connection, Instant at) {
        CompletableFuture<Boolean> held = table.async(() -> {
            Map<String, AttributeValue> old = table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                    .tableName(table.name).key(Keys.key(Keys.connection(connection.id()), Keys.METADATA))
                    .returnValues(ReturnValue.ALL_OLD))).attributes();
            return old != null && !old.isEmpty();
        });
        Map<String, AttributeValue> user = removeFromUser(connection, at);
        return TableClient.join(held) ? OptionalInt.of((int) UserConnectionsItem.liveCount(user, at))
                : OptionalInt.empty();
    }

    /**
     * Removes the connection's attribute, keeps {@code at} as when the user was last seen (the item then lives
     * {@link #LAST_SEEN_KEPT} more, so that it is still known), and returns the user's item as it is after; never
     * creates it (a removal may come after the last one): empty then. One request, as the removal alone was.
     */
    private Map<String, AttributeValue> removeFromUser(Connection connection, Instant at) {
        return table.ifCondition(() -> table.client.updateItem(b -> b.tableName(table.name)
                        .key(userKey(connection.userId()))
                        .updateExpression("REMOVE #connection SET #seen = :at, #ttl = :ttl")
                        .conditionExpression("attribute_exists(PK)")
                        .expressionAttributeNames(Map.of("#connection", Keys.connection(connection.id()),
                                "#seen", LAST_SEEN_AT, "#ttl", Keys.TTL))
                        .expressionAttributeValues(Map.of(":at", n(at.toEpochMilli()),
                                ":ttl", n(ttlSeconds(at.plus(LAST_SEEN_KEPT)))))
                        .returnValues(ReturnValue.ALL_NEW)).attributes())
                .orElse(Map.of());
    }

    @Override
    public List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now) {
        List<Map<String, AttributeValue>> keys = users.stream().distinct().map(DynamoDbConnectionStore::userKey).toList();
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Connection> live = new ArrayList<>();
        table.batchGet(keys).forEach(item -> live.addAll(UserConnectionsItem.live(item, now)));
        return live;
    }

    private static Map<String, AttributeValue> userKey(UserId user) {
        return Keys.key(Keys.user(user), Keys.CONNECTIONS);
    }

    private static Connection connection(ConnectionId id, UserId user, Map<String, AttributeValue> item) {
        return UserConnectionsItem.connection(id, user, item);
    }

    private static long ttlSeconds(Instant expiresAt) {
        long seconds = expiresAt.getEpochSecond();
        return expiresAt.getNano() == 0 ? seconds : seconds + 1;
    }
}
