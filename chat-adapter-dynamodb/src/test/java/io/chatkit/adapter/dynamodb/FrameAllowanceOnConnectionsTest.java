package io.chatkit.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.out.TakenFrame;
import io.chatkit.core.service.ChatServices;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the DynamoDB store adds to the rate-limit contract when it keeps a user's frame allowance on their connections
 * item: one allowance for all of a user's connections, nothing taken for a connection that is not the user's, and
 * an expired connection found as it is (so the chat can answer SESSION_EXPIRED).
 */
@ExtendWith(RequiresDynalite.class)
class FrameAllowanceOnConnectionsTest {
    private static final RateLimit THREE_THEN_TEN_A_SECOND = new RateLimit("frames", 3, Duration.ofMillis(100));
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
    private final DynamoDbConnectionStore store = new DynamoDbConnectionStore(Dynalite.shared().client(), table,
            DynamoDbContractTests.EXECUTOR);
    private final UserId alice = UserId.of("alice");
    private final UserId bob = UserId.of("bob");

    @Test
    void all_of_a_users_connections_take_from_one_allowance_and_another_user_has_their_own() {
        ConnectionId laptop = connect(alice, "laptop=", T0.plus(Duration.ofHours(1)));
        ConnectionId phone = connect(alice, "phone=", T0.plus(Duration.ofHours(1)));
        ConnectionId bobs = connect(bob, "bobs=", T0.plus(Duration.ofHours(1)));

        List<Boolean> admitted = IntStream.range(0, 4)
                .mapToObj(i -> take(i % 2 == 0 ? laptop : phone, alice, T0).admission().admitted()).toList();

        assertThat(admitted).containsExactly(true, true, true, false);
        assertThat(take(phone, alice, T0).admission().retryAfter()).isEqualTo(Duration.ofMillis(100));
        assertThat(take(bobs, bob, T0).admission().admitted()).as("bob's allowance is his own").isTrue();
        assertThat(take(laptop, alice, T0.plusMillis(100)).admission().admitted()).as("one interval later").isTrue();
    }

    @Test
    void a_connection_that_is_not_the_users_is_not_found_and_takes_nothing() {
        ConnectionId bobs = connect(bob, "bobs=", T0.plus(Duration.ofHours(1)));
        ConnectionId laptop = connect(alice, "laptop=", T0.plus(Duration.ofHours(1)));

        TakenFrame foreign = take(bobs, alice, T0);
        TakenFrame unknown = take(ConnectionId.of("never="), alice, T0);

        assertThat(foreign).isEqualTo(TakenFrame.notFound());
        assertThat(unknown).isEqualTo(TakenFrame.notFound());
        assertThat(IntStream.range(0, 3).mapToObj(i -> take(laptop, alice, T0).admission().admitted()))
                .as("alice's whole allowance is still there").containsOnly(true);
    }

    @Test
    void an_expired_connection_is_found_as_it_is_and_a_removed_one_is_not() {
        ConnectionId old = connect(alice, "old=", T0.plusSeconds(1));
        ConnectionId gone = connect(alice, "gone=", T0.plus(Duration.ofHours(1)));
        store.remove(gone);

        TakenFrame expired = take(old, alice, T0.plusSeconds(5));

        assertThat(expired.connection()).hasValueSatisfying(c -> assertThat(c.isLiveAt(T0.plusSeconds(5))).isFalse());
        assertThat(take(gone, alice, T0.plusSeconds(5))).isEqualTo(TakenFrame.notFound());
    }

    /**
     * A connection whose own record is live but which its user's item does not name (a connect or disconnect that
     * failed half-way): nothing can be taken from the user's allowance for it, so its frames are refused —
     * in a process that knows the connection's user and in one that looks it up first.
     */
    @Test
    void a_frame_from_a_connection_its_users_item_does_not_name_is_refused_the_allowance_fails_closed() {
        ChatServices chat = ChatServices.builder().connections(store)
                .messages(new DynamoDbMessageStore(Dynalite.shared().client(), table, DynamoDbContractTests.EXECUTOR))
                .pusher(new io.chatkit.adapter.inmemory.RecordingPusher()).build();
        ConnectionId half = ConnectionId.of("half=");
        ConnectionId known = ConnectionId.of("known=");
        chat.connect().connect(new ConnectCommand(half, alice, Instant.now()));
        chat.connect().connect(new ConnectCommand(known, alice, Instant.now()));
        try (DynamoDbClient client = Dynalite.shared().client()) {
            for (ConnectionId id : List.of(half, known)) {
                client.updateItem(b -> b.tableName(table).key(Keys.key(Keys.user(alice), Keys.CONNECTIONS))
                        .updateExpression("REMOVE #c").expressionAttributeNames(Map.of("#c", Keys.connection(id))));
            }
        }
        ChatServices anotherProcess = ChatServices.builder().connections(store)
                .messages(new DynamoDbMessageStore(Dynalite.shared().client(), table, DynamoDbContractTests.EXECUTOR))
                .pusher(new io.chatkit.adapter.inmemory.RecordingPusher()).build();

        for (var outcome : List.of(anotherProcess.identify().userOf(half), chat.identify().userOf(known))) {
            assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, refused ->
                    assertThat(refused.rejection().code()).isEqualTo(Rejection.Code.NOT_CONNECTED));
        }
    }

    private ConnectionId connect(UserId user, String id, Instant expiresAt) {
        ConnectionId connection = ConnectionId.of(id);
        store.save(new Connection(connection, user, T0, expiresAt));
        return connection;
    }

    private TakenFrame take(ConnectionId connection, UserId user, Instant now) {
        return store.take(connection, user, THREE_THEN_TEN_A_SECOND, now);
    }
}
