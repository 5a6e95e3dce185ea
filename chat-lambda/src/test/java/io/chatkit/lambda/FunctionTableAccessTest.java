package io.chatkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.ChatTableAccess;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.core.service.ChatServices;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Each function's role allows what {@link ChatTableAccess} lists for it, and nothing more: this runs every route of
 * the handler on DynamoDB (dynalite) — each function's snapshot priming included — records every request, and holds
 * the requests of each kind of function to its operations and partition-key prefixes, each operation listed used.
 */
@ExtendWith(RequiresDynalite.class)
class FunctionTableAccessTest {
    private final Calls calls = new Calls();
    private final DynamoDbClient dynamoDb = Dynalite.shared().client(calls);
    private final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);

    @Test
    void every_route_calls_only_what_its_functions_role_allows_and_uses_all_of_it() {
        try (HandlerHarness h = new HandlerHarness(ChatLimits.DEFAULTS.withRefusalsInARow(3), executor ->
                ChatServices.builder()
                        .connections(new DynamoDbConnectionStore(dynamoDb, table, executor))
                        .messages(new DynamoDbMessageStore(dynamoDb, table, executor))
                        .rateLimits(new DynamoDbRateLimitStore(dynamoDb, table, executor)))) {
            calls.clear();
            h.handler.priming().beforeCheckpoint(null);
            for (int i = 0; i < 11; i++) { // the 11th is refused: its records are taken back
                h.connect("alice" + i + "=", h.identity.idToken("alice"));
            }
            h.connectAs("bob", "bob=");
            h.connectAs("carol", "carol=");
            h.connectAs("mallory", "mallory=");
            List<Call> connects = new ArrayList<>(calls.take());

            h.handler.priming().beforeCheckpoint(null);
            String group = h.reply("bob=", "{\"action\":\"createRoom\",\"participantIds\":[\"carol\",\"dave\"],"
                    + "\"name\":\"team\"}").at("/data/chatRoomId").asText();
            h.reply("bob=", "{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}");
            String sent = h.reply("bob=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + group
                    + "\",\"content\":\"hello\",\"clientMessageId\":\"c1\"}").at("/data/messageId").asText();
            h.reply("carol=", "{\"action\":\"markRead\",\"chatRoomId\":\"" + group + "\",\"messageId\":\"" + sent + "\"}");
            h.reply("carol=", "{\"action\":\"listRooms\"}");
            h.reply("carol=", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + group + "\"}");
            h.reply("carol=", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + group + "\",\"after\":\"" + sent + "\"}");
            h.reply("bob=", "{\"action\":\"addMembers\",\"chatRoomId\":\"" + group + "\",\"participantIds\":[\"erin\"]}");
            h.reply("carol=", "{\"action\":\"leaveRoom\",\"chatRoomId\":\"" + group + "\"}");
            for (int i = 0; i < 3; i++) { // refused until closed
                h.send("mallory=", "{\"action\":\"sendMessage\"}");
            }
            assertAccess(ChatTableAccess.MESSAGES, calls.take());

            h.handler.priming().beforeCheckpoint(null);
            h.disconnect("bob="); // his last: carol, his direct peer, is told
            h.disconnect("alice0=");
            h.disconnect("never-connected=");
            assertAccess(ChatTableAccess.DISCONNECT, calls.take());

            h.connectAs("bob", "bob-again="); // back online: carol is told
            connects.addAll(calls.take());
            assertAccess(ChatTableAccess.CONNECT, connects);
        }
    }

    private static void assertAccess(ChatTableAccess function, List<Call> made) {
        Set<String> operations = new TreeSet<>();
        made.forEach(call -> operations.add(call.operation()));
        assertThat(operations).as("%s: the operations its role allows, each used", function)
                .containsExactlyInAnyOrderElementsOf(function.operations());
        assertThat(made).as("%s: every partition key it names", function).allSatisfy(call ->
                assertThat(call.partitionKeys()).allSatisfy(key -> assertThat(function.keyPrefixes())
                        .as(call.operation() + " " + key).anyMatch(key::startsWith)));
        assertThat(made).flatExtracting(Call::partitionKeys).as("%s: keys seen", function).isNotEmpty();
    }

    private record Call(String operation, List<String> partitionKeys) {
    }

    /** Every request's operation and the partition keys it names. */
    private static final class Calls implements ExecutionInterceptor {
        private final List<Call> made = new ArrayList<>();

        synchronized void clear() {
            made.clear();
        }

        synchronized List<Call> take() {
            List<Call> taken = List.copyOf(made);
            made.clear();
            return taken;
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Object request = context.request();
            String operation = request.getClass().getSimpleName().replace("Request", "");
            List<String> keys = partitionKeysOf(request);
            if (!operation.equals("CreateTable") && !operation.equals("DescribeTable")) {
                synchronized (this) {
                    made.add(new Call(operation, keys));
                }
            }
        }

        private static List<String> partitionKeysOf(Object request) {
            if (request instanceof GetItemRequest get) {
                return List.of(pk(get.key()));
            } else if (request instanceof PutItemRequest put) {
                return List.of(pk(put.item()));
            } else if (request instanceof UpdateItemRequest update) {
                return List.of(pk(update.key()));
            } else if (request instanceof DeleteItemRequest delete) {
                return List.of(pk(delete.key()));
            } else if (request instanceof QueryRequest query) {
                return List.of(query.expressionAttributeValues().get(":pk").s());
            } else if (request instanceof BatchGetItemRequest batch) {
                return batch.requestItems().values().stream()
                        .flatMap(keysAndAttributes -> keysAndAttributes.keys().stream()).map(Calls::pk).toList();
            } else if (request instanceof BatchWriteItemRequest batch) {
                return batch.requestItems().values().stream().flatMap(List::stream)
                        .flatMap(write -> Stream.of(write.putRequest() == null ? null : write.putRequest().item(),
                                write.deleteRequest() == null ? null : write.deleteRequest().key()))
                        .filter(java.util.Objects::nonNull).map(Calls::pk).toList();
            }
            return List.of("(not an item request)");
        }

        private static String pk(Map<String, AttributeValue> key) {
            return key.get("PK").s();
        }
    }
}
