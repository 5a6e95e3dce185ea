package io.chatkit.adapter.dynamodb;

import io.chatkit.core.port.out.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one table, its client and the executor that issues independent requests side by side.
 * Every call goes through {@link #call}, which turns SDK errors into the port's {@link StoreException}
 * (throttling has already been retried by the SDK's retry strategy by then).
 */
final class TableClient {
    static final int BATCH_GET_LIMIT = 100;
    static final int BATCH_WRITE_LIMIT = 25;
    private static final int UNPROCESSED_ATTEMPTS = 10;

    final DynamoDbClient client;
    final String name;
    private final Executor executor;

    TableClient(DynamoDbClient client, String name, Executor executor) {
        this.client = client;
        this.name = name;
        this.executor = executor;
    }

    <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw new StoreException("DynamoDB " + what + " failed on table " + name + ": " + e.getMessage(), e);
        }
    }

    /** Applies {@code work} to every input at once and returns the results in input order. */
    <I, O> List<O> concurrently(List<I> inputs, Function<I, O> work) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(work).toList();
        }
        List<CompletableFuture<O>> futures = inputs.stream()
                .map(input -> CompletableFuture.supplyAsync(() -> work.apply(input), executor)).toList();
        List<O> results = new ArrayList<>(futures.size());
        RuntimeException failure = null;
        for (CompletableFuture<O> future : futures) {
            try {
                results.add(future.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure : unwrap(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    <T> CompletableFuture<T> async(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException runtime ? runtime : e;
    }

    /** BatchWriteItem in chunks of 25, retrying unprocessed items with backoff until all are written. */
    void batchWrite(List<WriteRequest> writes) {
        List<List<WriteRequest>> chunks = chunks(writes, BATCH_WRITE_LIMIT);
        concurrently(chunks, chunk -> {
            Map<String, List<WriteRequest>> pending = Map.of(name, chunk);
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == UNPROCESSED_ATTEMPTS) {
                    throw new StoreException("DynamoDB left items unprocessed after " + attempt + " attempts");
                }
                backoff(attempt);
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = call("BatchWriteItem",
                        () -> client.batchWriteItem(b -> b.requestItems(request)));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
            return null;
        });
    }

    /** BatchGetItem in chunks of 100 (consistent reads), retrying unprocessed keys until all are read. */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys) {
        return batchGet(keys, true, null);
    }

    /**
     * BatchGetItem in chunks of 100, side by side, retrying unprocessed keys until all are read; {@code projection}
     * names the attributes to read (null: all). Items come back in no particular order; missing ones are left out.
     */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, boolean consistent,
                                               String projection) {
        List<List<Map<String, AttributeValue>>> chunks = chunks(keys, BATCH_GET_LIMIT);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        concurrently(chunks, chunk -> {
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder().keys(chunk)
                    .consistentRead(consistent).projectionExpression(projection).build());
            for (int attempt = 0; !pending.isEmpty(); attempt++) {
                if (attempt == UNPROCESSED_ATTEMPTS) {
                    throw new StoreException("DynamoDB left keys unprocessed after " + attempt + " attempts");
                }
                backoff(attempt);
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = call("BatchGetItem",
                        () -> client.batchGetItem(b -> b.requestItems(request)));
                found.addAll(response.responses().getOrDefault(name, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
            return found;
        }).forEach(items::addAll);
        return items;
    }

    private static void backoff(int attempt) {
        if (attempt == 0) {
            return;
        }
        sleep(Duration.ofMillis(Math.min(1_000, 25L << Math.min(attempt, 6))));
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }

    static Map<String, AttributeValue> item(Object... keysAndValues) {
        Map<String, AttributeValue> item = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            item.put((String) keysAndValues[i], (AttributeValue) keysAndValues[i + 1]);
        }
        return item;
    }

    /** Pages through {@code LastEvaluatedKey} until {@code limit} items or the end. */
    List<Map<String, AttributeValue>> queryUpTo(QueryRequest.Builder query, int limit) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        while (items.size() < limit) {
            if (limit != Integer.MAX_VALUE) {
                query.limit(limit - items.size());
            }
            QueryResponse page = call("Query", () -> client.query(query.build()));
            items.addAll(page.items());
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            query.exclusiveStartKey(page.lastEvaluatedKey());
        }
        return items;
    }

    Optional<Map<String, AttributeValue>> getItem(String pk, String sk) {
        Map<String, AttributeValue> item = call("GetItem", () -> client.getItem(b -> b
                .tableName(name).key(Keys.key(pk, sk)).consistentRead(true))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Runs a conditional write; false when its condition did not hold. */
    boolean conditionally(Runnable write) {
        return ifCondition(() -> {
            write.run();
            return Boolean.TRUE;
        }).isPresent();
    }

    /** Runs a conditional write and returns what it answered; empty when its condition did not hold. */
    <T> Optional<T> ifCondition(Supplier<T> write) {
        try {
            return Optional.of(call("conditional write", write));
        } catch (StoreException e) {
            if (e.getCause() instanceof ConditionalCheckFailedException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted");
        }
    }
}
