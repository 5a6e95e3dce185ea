package io.chatkit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The request budget counts rounds by what each request waited for, not by the clock: a request made side by side
 * with another is in the same round however late its thread gets to run; one made after another's answer is in the
 * next.
 */
@ExtendWith(RequiresDynalite.class)
class RoundsByCausalityTest {
    private final RequestLog log = new RequestLog();
    private final Executor executor = log.causal(DynamoDbContractTests.EXECUTOR);
    private final DynamoDbClient client = Dynalite.shared().client(log);
    private final String table = DynamoDbContractTests.table();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void a_side_by_side_request_whose_thread_starts_late_is_still_in_the_first_round() {
        CompletableFuture<Void> starved = CompletableFuture.runAsync(() -> {
            TableClient.sleep(java.time.Duration.ofMillis(200)); // the machine gives this thread no time for a while
            read();
        }, executor);
        read();
        starved.join();

        assertThat(log.count()).isEqualTo(2);
        assertThat(log.rounds()).as("two requests side by side").isEqualTo(1);
    }

    @Test
    void a_request_made_after_another_answered_is_in_the_next_round_on_any_thread() {
        read();
        CompletableFuture.runAsync(this::read, executor).join();
        CompletableFuture<Void> handedOff = CompletableFuture.runAsync(this::read, executor);
        handedOff.join();
        read();

        assertThat(log.rounds()).as("four requests, each after the one before").isEqualTo(4);
        log.clear();
        read();
        assertThat(log.rounds()).as("counted again from nothing after clear()").isEqualTo(1);
    }

    private void read() {
        client.getItem(b -> b.tableName(table).key(Keys.key("USER#nobody", "METADATA")));
    }
}
