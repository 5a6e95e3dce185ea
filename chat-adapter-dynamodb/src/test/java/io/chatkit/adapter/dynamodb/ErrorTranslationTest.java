package io.chatkit.adapter.dynamodb;


import io.chatkit.core.domain.Room;
import io.chatkit.core.port.out.StoreException;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Nothing AWS-shaped leaves the adapter: failures arrive as the port's StoreException. */
@ExtendWith(RequiresDynalite.class)
class ErrorTranslationTest {

    @Test
    void a_missing_table_is_a_store_exception_that_names_it() {
        DynamoDbMessageStore store = new DynamoDbMessageStore(Dynalite.shared().client(), "no-such-table",
                DynamoDbContractTests.EXECUTOR);

        assertThatThrownBy(() -> store.rooms().find(Fixtures.roomId()))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("no-such-table");
    }

    @Test
    void an_unreachable_endpoint_is_a_store_exception_after_the_sdk_retries() {
        try (DynamoDbClient unreachable = DynamoDbClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .build()) {
            DynamoDbConnectionStore store = new DynamoDbConnectionStore(unreachable, "t", DynamoDbContractTests.EXECUTOR);

            assertThatThrownBy(() -> store.liveConnectionsOf(List.of(Fixtures.user("a"), Fixtures.user("b")), Instant.now()))
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("BatchGetItem")
                    .satisfies(e -> assertThat(e.getCause()).as("the SDK's own account of its attempts")
                            .hasMessageContaining("SDK Attempt Count: 3"));
        }
    }

    @Test
    void reading_a_room_that_was_never_created_finds_nothing_and_writes_nothing() {
        RequestLog log = new RequestLog();
        DynamoDbMessageStore store = new DynamoDbMessageStore(Dynalite.shared().client(log),
                DynamoDbContractTests.table(), DynamoDbContractTests.EXECUTOR);
        Room never = Fixtures.room(Fixtures.user("a"), Fixtures.user("b"));

        assertThat(store.rooms().find(never.id())).isEmpty();
        assertThat(new RoomHistory(store).messagesBefore(never.id(), Optional.empty(), 10)).isEmpty();
        assertThat(log.countsByOperation()).as("a look at the room, nothing written").containsOnlyKeys("GetItem");
    }
}
