package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.connection;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.UserId;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link ConnectionStore} must do. Extend it with a factory for your adapter. */
public abstract class ConnectionStoreContract {
    protected static final Duration TTL = Duration.ofHours(24);

    protected ConnectionStore store;

    /** A store to test; it may be shared between tests (the contract uses fresh ids every time). */
    protected abstract ConnectionStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void saving_and_closing_count_the_users_live_connections_so_the_first_and_the_last_are_known() {
        UserId alice = user("alice");
        Connection laptop = connection(alice, T0, TTL);
        Connection phone = connection(alice, T0, TTL);

        assertThat(store.saveCounted(laptop, 3)).hasValue(1);
        assertThat(store.saveCounted(phone, 3)).hasValue(2);
        assertThat(store.saveCounted(connection(alice, T0, TTL), 2)).as("beyond the limit: nothing saved").isEmpty();
        assertThat(store.close(laptop.id(), T0.plusSeconds(1)))
                .contains(new ConnectionStore.Closed(laptop, 1));
        assertThat(store.close(phone.id(), T0.plusSeconds(2))).contains(new ConnectionStore.Closed(phone, 0));
        assertThat(store.close(phone.id(), T0.plusSeconds(3))).as("closed already").isEmpty();
    }

    @Test
    void a_user_is_online_while_a_connection_of_theirs_is_live() {
        UserId alice = user("alice");
        UserId bob = user("bob");
        UserId carol = user("carol");
        store.save(connection(alice, T0, TTL));
        store.save(connection(bob, T0, Duration.ofMinutes(5)));

        Map<UserId, Presence> presence = store.presenceOf(List.of(alice, bob, carol), T0.plus(Duration.ofMinutes(6)));

        assertThat(presence).hasSize(3);
        assertThat(presence.get(alice).online()).isTrue();
        assertThat(presence.get(bob).online()).as("expired, without a disconnect").isFalse();
        assertThat(presence.get(carol).online()).as("never connected").isFalse();
    }

    @Test
    void a_saved_connection_is_found_from_its_id_and_from_its_user() {
        UserId alice = user("alice");
        Connection connection = connection(alice, T0, TTL);

        store.save(connection);

        assertThat(store.find(connection.id(), T0)).contains(connection);
        assertThat(store.liveConnectionsOf(List.of(alice), T0)).containsExactly(connection);
    }

    @Test
    void a_connection_beyond_the_users_limit_is_refused_and_leaves_nothing_behind() {
        UserId alice = user("alice");
        List<Connection> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Connection tab = connection(alice, T0.plusSeconds(i), TTL);
            assertThat(store.saveWithin(tab, 3)).as("connection %d of 3", i + 1).isTrue();
            open.add(tab);
        }
        Connection fourth = connection(alice, T0.plusSeconds(5), TTL);

        assertThat(store.saveWithin(fourth, 3)).isFalse();

        assertThat(store.find(fourth.id(), T0.plusSeconds(6))).isEmpty();
        assertThat(store.liveConnectionsOf(List.of(alice), T0.plusSeconds(6))).containsExactlyInAnyOrderElementsOf(open);
        UserId bob = user("bob");
        Connection bobs = connection(bob, T0.plusSeconds(6), TTL);
        assertThat(store.saveWithin(bobs, 3)).as("another user is not affected").isTrue();
    }

    @Test
    void expired_and_closed_connections_free_their_place() {
        UserId alice = user("alice");
        Connection shortLived = connection(alice, T0, Duration.ofMinutes(1));
        Connection closed = connection(alice, T0, TTL);
        assertThat(store.saveWithin(shortLived, 2)).isTrue();
        assertThat(store.saveWithin(closed, 2)).isTrue();
        store.remove(closed.id());

        Connection later = connection(alice, T0.plusSeconds(120), TTL);
        Connection another = connection(alice, T0.plusSeconds(121), TTL);

        assertThat(store.saveWithin(later, 2)).isTrue();
        assertThat(store.saveWithin(another, 2)).isTrue();
        assertThat(store.liveConnectionsOf(List.of(alice), T0.plusSeconds(122))).containsExactlyInAnyOrder(later, another);
    }

    @Test
    void a_user_has_every_connection_they_opened() {
        UserId alice = user("alice");
        Connection laptop = connection(alice, T0, TTL);
        Connection phone = connection(alice, T0.plusSeconds(5), TTL);
        store.save(laptop);
        store.save(phone);

        assertThat(store.liveConnectionsOf(List.of(alice), T0.plusSeconds(10)))
                .containsExactlyInAnyOrder(laptop, phone);
    }

    @Test
    void connections_of_several_users_come_together_and_strangers_have_none() {
        UserId alice = user("alice");
        UserId bob = user("bob");
        Connection a = connection(alice, T0, TTL);
        Connection b = connection(bob, T0, TTL);
        store.save(a);
        store.save(b);

        assertThat(store.liveConnectionsOf(List.of(alice, bob, user("nobody")), T0)).containsExactlyInAnyOrder(a, b);
        assertThat(store.liveConnectionsOf(List.of(user("nobody")), T0)).isEmpty();
        assertThat(store.liveConnectionsOf(List.of(), T0)).isEmpty();
    }

    @Test
    void an_expired_connection_is_gone_even_if_never_removed() {
        UserId alice = user("alice");
        Connection connection = connection(alice, T0, TTL);
        store.save(connection);
        var afterExpiry = T0.plus(TTL);

        assertThat(store.find(connection.id(), afterExpiry)).isEmpty();
        assertThat(store.liveConnectionsOf(List.of(alice), afterExpiry)).isEmpty();
        assertThat(store.find(connection.id(), afterExpiry.minusSeconds(1))).contains(connection);
    }

    @Test
    void a_look_up_tells_an_expired_connection_from_an_unknown_one() {
        Connection connection = connection(user("alice"), T0, TTL);
        store.save(connection);

        assertThat(store.lookup(connection.id())).as("expired or not").contains(connection);
        assertThat(store.lookup(Fixtures.connectionId())).isEmpty();
        store.forget(connection);
        assertThat(store.lookup(connection.id())).isEmpty();
    }

    @Test
    void removing_forgets_both_records_and_returns_what_was_removed() {
        UserId alice = user("alice");
        Connection connection = connection(alice, T0, TTL);
        store.save(connection);

        assertThat(store.remove(connection.id())).contains(connection);

        assertThat(store.find(connection.id(), T0)).isEmpty();
        assertThat(store.liveConnectionsOf(List.of(alice), T0)).isEmpty();
    }

    @Test
    void removing_twice_or_an_unknown_id_is_a_no_op() {
        Connection connection = connection(user("alice"), T0, TTL);
        store.save(connection);
        store.remove(connection.id());

        assertThat(store.remove(connection.id())).isEmpty();
        assertThat(store.remove(Fixtures.connectionId())).isEmpty();
    }

    @Test
    void forgetting_a_gone_connection_removes_both_records_and_is_idempotent() {
        UserId alice = user("alice");
        Connection gone = connection(alice, T0, TTL);
        Connection other = connection(alice, T0, TTL);
        store.save(gone);
        store.save(other);

        store.forget(gone);
        store.forget(gone);

        assertThat(store.find(gone.id(), T0)).isEmpty();
        assertThat(store.liveConnectionsOf(List.of(alice), T0)).containsExactly(other);
        assertThat(store.remove(gone.id())).isEmpty();
    }

    @Test
    void forgetting_counts_the_users_live_connections_left_once_and_nothing_after() {
        UserId alice = user("alice");
        Connection laptop = connection(alice, T0, TTL);
        Connection phone = connection(alice, T0, TTL);
        store.save(laptop);
        store.save(phone);

        assertThat(store.forgetCounted(laptop, T0.plusSeconds(1))).as("the phone is left").hasValue(1);
        assertThat(store.forgetCounted(phone, T0.plusSeconds(2))).as("the last: offline").hasValue(0);
        assertThat(store.forgetCounted(phone, T0.plusSeconds(3))).as("forgotten already: not told twice").isEmpty();
        assertThat(store.liveConnectionsOf(List.of(alice), T0.plusSeconds(3))).isEmpty();
    }

    @Test
    void removing_one_connection_keeps_the_users_others() {
        UserId alice = user("alice");
        Connection laptop = connection(alice, T0, TTL);
        Connection phone = connection(alice, T0, TTL);
        store.save(laptop);
        store.save(phone);

        store.remove(laptop.id());

        assertThat(store.liveConnectionsOf(List.of(alice), T0)).containsExactly(phone);
    }

    @Test
    void saving_again_replaces_the_expiry() {
        UserId alice = user("alice");
        Connection first = connection(alice, T0, TTL);
        Connection renewed = new Connection(first.id(), alice, T0.plus(TTL).minusSeconds(60),
                T0.plus(TTL).plus(TTL));
        store.save(first);
        store.save(renewed);

        assertThat(store.find(first.id(), T0.plus(TTL).plusSeconds(1))).contains(renewed);
        assertThat(store.liveConnectionsOf(List.of(alice), T0.plus(TTL))).containsExactly(renewed);
    }

    @Test
    void concurrent_connects_and_disconnects_leave_exactly_the_open_connections() throws Exception {
        UserId alice = user("alice");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<List<Connection>>> kept = new ArrayList<>();
        try {
            for (int thread = 0; thread < 8; thread++) {
                kept.add(pool.submit(() -> {
                    List<Connection> open = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        Connection connection = connection(alice, T0, TTL);
                        store.save(connection);
                        if (i % 2 == 0) {
                            store.remove(connection.id());
                        } else {
                            open.add(connection);
                        }
                    }
                    return open;
                }));
            }
            List<Connection> expected = new ArrayList<>();
            for (Future<List<Connection>> future : kept) {
                expected.addAll(future.get(60, TimeUnit.SECONDS));
            }
            assertThat(store.liveConnectionsOf(List.of(alice), T0)).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            pool.shutdownNow();
        }
    }
}
