package io.chatkit.testkit.dynamodb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
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
 * dynalite's loopback), and how many rounds a piece of work took, by causality: a request's round is one more than
 * the latest round its line of work had seen end — on its own thread, or in work it handed off through
 * {@link #causal(Executor)}. Give the stores and the chat that executor: then a side-by-side request whose thread the
 * machine starves stays in its round, where rounds read off the clock would make it one of its own. (A line of work
 * starved between handing a request off and making its own, for longer than the handed-off request takes, still
 * counts one too many.)
 */
public final class RequestLog implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("chatkit.started");
    private static final ExecutionAttribute<Integer> ROUND = new ExecutionAttribute<>("chatkit.round");

    public record Request(String operation, long startNanos, long endNanos, double capacityUnits, int round) {
        public boolean isRead() {
            return operation.equals("GetItem") || operation.equals("BatchGetItem") || operation.equals("Query");
        }
    }

    private final List<Request> requests = new ArrayList<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile long generation;
    private final ThreadLocal<Causal> current = new ThreadLocal<>();

    /**
     * What one line of work — the test's thread, or a task handed to the executor — has seen end: the latest round
     * of its own requests, or of a request of work it handed off that had ended by then (its answer was there to wait
     * for; a hand-off still starved of time has ended nothing, so it adds nothing).
     */
    private static final class Causal {
        private final long generation;
        private int seen;
        private final List<Causal> handedOff = new ArrayList<>();

        Causal(long generation, int seen) {
            this.generation = generation;
            this.seen = seen;
        }

        synchronized int seen() {
            int latest = seen;
            for (Causal task : handedOff) {
                latest = Math.max(latest, task.seen());
            }
            return latest;
        }

        synchronized void ended(int round) {
            seen = Math.max(seen, round);
        }

        synchronized void handOff(Causal task) {
            handedOff.add(task);
        }
    }

    private Causal line() {
        Causal line = current.get();
        if (line == null || line.generation != generation) {
            line = new Causal(generation, 0);
            current.set(line);
        }
        return line;
    }

    /** {@code inner}, remembering which work handed each task off, so that rounds are counted by causality. */
    public Executor causal(Executor inner) {
        return task -> {
            Causal parent = line();
            Causal child = new Causal(parent.generation, parent.seen());
            parent.handOff(child);
            inner.execute(() -> {
                Causal before = current.get();
                current.set(child);
                try {
                    task.run();
                } finally {
                    current.set(before);
                }
            });
        };
    }

    public void delayEachRequestBy(Duration delay) {
        this.delay = delay;
    }

    public synchronized void clear() {
        requests.clear();
        generation++; // every line of work starts again from round 0
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

    /**
     * How many rounds the logged requests took: the highest round among them (see the class comment). Work not
     * handed off through {@link #causal(Executor)} starts its own count, so pass that executor to everything that
     * calls the client.
     */
    public synchronized int rounds() {
        return requests.stream().mapToInt(Request::round).max().orElse(0);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(ROUND, line().seen() + 1);
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

    private void record(ExecutionAttributes attributes, double capacityUnits) {
        int round = attributes.getAttribute(ROUND);
        line().ended(round);
        synchronized (this) {
            requests.add(new Request(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    attributes.getAttribute(STARTED), System.nanoTime(), capacityUnits, round));
        }
    }
}
