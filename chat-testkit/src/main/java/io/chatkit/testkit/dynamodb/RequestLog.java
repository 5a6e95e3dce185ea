package io.chatkit.testkit.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts the DynamoDB requests a client sends, when each ran and the capacity units each consumed (it asks every
 * request to return them), optionally adding a fixed delay to every request (what a real region adds on top of
 * dynalite's loopback). From the times it tells how many rounds a piece of work took: the longest chain of
 * requests each starting after the previous ended.
 */
public final class RequestLog implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("chatkit.started");

    public record Request(String operation, long startNanos, long endNanos, double capacityUnits) {
        public boolean isRead() {
            return operation.equals("GetItem") || operation.equals("BatchGetItem") || operation.equals("Query");
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private volatile Duration delay = Duration.ZERO;

    public void delayEachRequestBy(Duration delay) {
        this.delay = delay;
    }

    public synchronized void clear() {
        requests.clear();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public synchronized int count() {
        return requests.size();
    }

    public synchronized Map<String, Integer> countsByOperation() {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts;
    }

    /** Read capacity units consumed by the reads logged (GetItem, BatchGetItem, Query), as DynamoDB reports them. */
    public synchronized double readUnits() {
        return requests.stream().filter(Request::isRead).mapToDouble(Request::capacityUnits).sum();
    }

    /**
     * Write capacity units consumed by the writes logged (PutItem, UpdateItem, DeleteItem, BatchWriteItem), as
     * DynamoDB reports them with {@code ReturnConsumedCapacity=TOTAL} (the table's and its indexes').
     */
    public synchronized double writeUnits() {
        return requests.stream().filter(request -> !request.isRead()).mapToDouble(Request::capacityUnits).sum();
    }

    /** The longest chain of requests where each started only after the one before had finished. */
    public synchronized int rounds() {
        List<Request> byEnd = new ArrayList<>(requests);
        byEnd.sort(Comparator.comparingLong(Request::endNanos));
        int[] chain = new int[byEnd.size()];
        int longest = 0;
        for (int i = 0; i < byEnd.size(); i++) {
            chain[i] = 1;
            for (int j = 0; j < i; j++) {
                if (byEnd.get(j).endNanos() <= byEnd.get(i).startNanos()) {
                    chain[i] = Math.max(chain[i], chain[j] + 1);
                }
            }
            longest = Math.max(longest, chain[i]);
        }
        return longest;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Duration wait = delay;
        if (!wait.isZero()) {
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest get) {
            return get.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest batchGet) {
            return batchGet.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest query) {
            return query.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest put) {
            return put.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest update) {
            return update.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest delete) {
            return delete.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest batchWrite) {
            return batchWrite.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, capacityOf(context.response()));
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, 0);
    }

    private static double capacityOf(SdkResponse response) {
        List<ConsumedCapacity> consumed = new ArrayList<>();
        if (response instanceof GetItemResponse get) {
            consumed.add(get.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse batchGet) {
            consumed.addAll(batchGet.consumedCapacity());
        } else if (response instanceof QueryResponse query) {
            consumed.add(query.consumedCapacity());
        } else if (response instanceof PutItemResponse put) {
            consumed.add(put.consumedCapacity());
        } else if (response instanceof UpdateItemResponse update) {
            consumed.add(update.consumedCapacity());
        } else if (response instanceof DeleteItemResponse delete) {
            consumed.add(delete.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse batchWrite) {
            consumed.addAll(batchWrite.consumedCapacity());
        }
        return consumed.stream().filter(java.util.Objects::nonNull)
                .mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
    }

    private synchronized void record(ExecutionAttributes attributes, double capacityUnits) {
        requests.add(new Request(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                attributes.getAttribute(STARTED), System.nanoTime(), capacityUnits));
    }
}
