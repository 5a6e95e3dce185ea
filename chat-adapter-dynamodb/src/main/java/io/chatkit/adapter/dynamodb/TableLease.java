package io.chatkit.adapter.dynamodb;

import static io.chatkit.adapter.dynamodb.Keys.n;
import static io.chatkit.adapter.dynamodb.Keys.s;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One process's claim on the chat's table, for a runtime that holds its sockets itself (chat-server): two such
 * processes on one table would each answer {@code Gone} for the other's connections, and the chat would forget them.
 * The lease is one item ({@code LEASE#{name}}/{@code METADATA}: holder, until when), taken only if absent, expired
 * or already this holder's, renewed every third of its life, and deleted on close; a process that dies leaves it to
 * expire. A second process finds it held and refuses to start, saying who holds it until when.
 */
public final class TableLease implements AutoCloseable {
    public static final Duration DEFAULT_LIFE = Duration.ofSeconds(30);

    private final TableClient table;
    private final String name;
    private final String holder;
    private final Duration life;
    private final Clock clock;
    private final ScheduledExecutorService renewals;

    private TableLease(TableClient table, String name, String holder, Duration life, Clock clock) {
        this.table = table;
        this.name = name;
        this.holder = holder;
        this.life = life;
        this.clock = clock;
        this.renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "table-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the lease {@code name} on the table for {@code holder} and keeps renewing it until closed.
     *
     * @throws LeaseHeldException if another holder's lease has not expired
     */
    public static TableLease acquire(DynamoDbClient client, String tableName, String name, String holder,
                                     Duration life, Clock clock) {
        TableLease lease = new TableLease(new TableClient(client, tableName, Runnable::run), name, holder, life, clock);
        lease.take();
        long every = Math.max(1, life.toMillis() / 3);
        lease.renewals.scheduleAtFixedRate(lease::renewQuietly, every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    private void take() {
        long now = clock.millis();
        try {
            table.client.putItem(b -> b.tableName(table.name)
                    .item(TableClient.item(Keys.PK, s(key()), Keys.SK, s(Keys.METADATA), "holder", s(holder),
                            "until", n(now + life.toMillis()), Keys.TTL, n((now + life.toMillis()) / 1000 + 3600)))
                    .conditionExpression("attribute_not_exists(PK) OR #until < :now OR holder = :me")
                    .expressionAttributeNames(Map.of("#until", "until"))
                    .expressionAttributeValues(Map.of(":now", n(now), ":me", s(holder))));
        } catch (ConditionalCheckFailedException held) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
                    table.getItem(key(), Keys.METADATA).orElse(Map.of());
            throw new LeaseHeldException(table.name, name,
                    item.containsKey("holder") ? item.get("holder").s() : "another process",
                    item.containsKey("until") ? java.time.Instant.ofEpochMilli(Long.parseLong(item.get("until").n()))
                            : null);
        }
    }

    private void renewQuietly() {
        try {
            take();
        } catch (RuntimeException e) {
            System.getLogger(TableLease.class.getName()).log(System.Logger.Level.ERROR,
                    "could not renew the lease " + name + " on table " + table.name, e);
        }
    }

    private String key() {
        return "LEASE#" + name;
    }

    /** Stops renewing and gives the lease up, if it is still this holder's. */
    @Override
    public void close() {
        renewals.shutdownNow();
        try {
            table.client.deleteItem(b -> b.tableName(table.name).key(Keys.key(key(), Keys.METADATA))
                    .conditionExpression("holder = :me").expressionAttributeValues(Map.of(":me", s(holder))));
        } catch (ConditionalCheckFailedException taken) {
            // it expired and another process holds it now: theirs to give up
        }
    }

    /** Another process holds the lease. */
    public static final class LeaseHeldException extends IllegalStateException {
        LeaseHeldException(String tableName, String lease, String holder, java.time.Instant until) {
            super("table " + tableName + " is in use by " + holder + " (lease " + lease
                    + (until == null ? "" : ", held until " + until + " unless renewed") + "): run one " + lease
                    + " per table — another process would answer Gone for the connections this one holds");
        }
    }
}
