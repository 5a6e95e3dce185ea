package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Connections as the seed keeps them: {@code CONNECTION#{id}/METADATA} (connection to user) and
 * {@code USER#{userId}/CONNECTION#{id}} (user to connections), each with the {@code ttl} (epoch
 * seconds) DynamoDB expires them by. DynamoDB deletes expired items only eventually, so every read
 * also checks the exact expiry itself.
 *
 * <p>Requests: connect 1 (both records in one BatchWriteItem), disconnect 2 (delete returning the
 * user, then the user's record), forgetting a gone connection 1, a look-up 1, connections of N users N
 * queries issued at once.
 */
public final class DynamoDbConnectionStore implements ConnectionStore {
    private static final String USER_ID = "userId";
    private static final String CONNECTION_ID = "connectionId";
    private static final String CONNECTED_AT = "connectedAt";
    private static final String EXPIRES_AT = "expiresAt";

    private final Table table;

    public DynamoDbConnectionStore(DynamoDbClient dynamoDb, String tableName, Executor executor) {
        this.table = new Table(dynamoDb, tableName, executor);
    }

    @Override
    public void save(Connection connection) {
        Map<String, AttributeValue> byId = Table.item(
                Keys.PK, s(Keys.connection(connection.id())), Keys.SK, s(Keys.METADATA),
                USER_ID, s(connection.userId().value()));
        Map<String, AttributeValue> byUser = Table.item(
                Keys.PK, s(Keys.user(connection.userId())), Keys.SK, s(Keys.connection(connection.id())),
                CONNECTION_ID, s(connection.id().value()));
        for (Map<String, AttributeValue> item : List.of(byId, byUser)) {
            item.put(CONNECTED_AT, n(connection.connectedAt().toEpochMilli()));
            item.put(EXPIRES_AT, n(connection.expiresAt().toEpochMilli()));
            item.put(Keys.TTL, n(ttlSeconds(connection.expiresAt())));
        }
        table.batchWrite(List.of(put(byId), put(byUser)));
    }

    @Override
    public Optional<Connection> find(ConnectionId id, Instant now) {
        Map<String, AttributeValue> item = table.call("GetItem", () -> table.client.getItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.connection(id), Keys.METADATA)).consistentRead(true))).item();
        return Optional.ofNullable(item).filter(i -> !i.isEmpty())
                .map(i -> connection(id, UserId.of(i.get(USER_ID).s()), i))
                .filter(connection -> connection.isLiveAt(now));
    }

    @Override
    public Optional<Connection> remove(ConnectionId id) {
        Map<String, AttributeValue> old = table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.connection(id), Keys.METADATA))
                .returnValues(ReturnValue.ALL_OLD))).attributes();
        if (old == null || old.isEmpty()) {
            return Optional.empty();
        }
        UserId user = UserId.of(old.get(USER_ID).s());
        table.call("DeleteItem", () -> table.client.deleteItem(b -> b
                .tableName(table.name).key(Keys.key(Keys.user(user), Keys.connection(id)))));
        return Optional.of(connection(id, user, old));
    }

    /** Both deletes in one BatchWriteItem; deleting what is not there is fine, so retries are harmless. */
    @Override
    public void forget(Connection connection) {
        table.batchWrite(List.of(
                delete(Keys.key(Keys.connection(connection.id()), Keys.METADATA)),
                delete(Keys.key(Keys.user(connection.userId()), Keys.connection(connection.id())))));
    }

    @Override
    public List<Connection> liveConnectionsOf(Collection<UserId> users, Instant now) {
        return table.concurrently(users.stream().distinct().toList(), user -> connectionsOf(user, now))
                .stream().flatMap(List::stream).toList();
    }

    private List<Connection> connectionsOf(UserId user, Instant now) {
        return table.call("Query", () -> table.client.queryPaginator(b -> b
                        .tableName(table.name)
                        .keyConditionExpression("PK = :pk AND begins_with(SK, :prefix)")
                        .expressionAttributeValues(Map.of(
                                ":pk", s(Keys.user(user)), ":prefix", s(Keys.CONNECTION_PREFIX)))
                        .consistentRead(true))
                .items().stream()
                .map(item -> connection(ConnectionId.of(item.get(CONNECTION_ID).s()), user, item))
                .filter(connection -> connection.isLiveAt(now))
                .toList());
    }

    private static Connection connection(ConnectionId id, UserId user, Map<String, AttributeValue> item) {
        return new Connection(id, user,
                Instant.ofEpochMilli(Long.parseLong(item.get(CONNECTED_AT).n())),
                Instant.ofEpochMilli(Long.parseLong(item.get(EXPIRES_AT).n())));
    }

    private static long ttlSeconds(Instant expiresAt) {
        long seconds = expiresAt.getEpochSecond();
        return expiresAt.getNano() == 0 ? seconds : seconds + 1;
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }
}
