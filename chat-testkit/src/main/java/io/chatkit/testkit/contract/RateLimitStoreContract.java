package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.RateLimit;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.Admission;
import io.chatkit.core.port.out.RateLimitStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link RateLimitStore} must do. Extend it with a factory for your adapter. */
public abstract class RateLimitStoreContract {
    /** 5 at once, then one every 200 ms. */
    private static final RateLimit FIVE_THEN_FIVE_A_SECOND = new RateLimit("frames", 5, Duration.ofMillis(200));

    protected RateLimitStore store;

    /** A store to test; it may be shared between tests (the contract uses fresh user ids every time). */
    protected abstract RateLimitStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void a_burst_is_admitted_and_the_next_use_waits_for_one_interval() {
        UserId alice = user("alice");

        List<Boolean> burst = takes(alice, FIVE_THEN_FIVE_A_SECOND, T0, 5);
        Admission sixth = store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0);

        assertThat(burst).containsOnly(true);
        assertThat(sixth.admitted()).isFalse();
        assertThat(sixth.retryAfter()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void a_use_that_costs_several_tokens_takes_them_at_once_and_waits_for_as_many_intervals() {
        UserId alice = user("alice");
        RateLimit megabytes = new RateLimit("uploadMegabytes", 10, Duration.ofSeconds(1));

        assertThat(store.take(alice, megabytes.withCost(6), T0).admitted()).as("6 of 10").isTrue();
        Admission five = store.take(alice, megabytes.withCost(5), T0);
        assertThat(store.take(alice, megabytes.withCost(4), T0).admitted()).as("the other 4").isTrue();
        Admission one = store.take(alice, megabytes, T0);

        assertThat(five.admitted()).as("5 of the 4 left").isFalse();
        assertThat(five.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(one.admitted()).as("none left").isFalse();
        assertThat(store.take(alice, megabytes.withCost(3), T0.plusSeconds(3)).admitted())
                .as("three seconds later, three").isTrue();
    }

    @Test
    void a_refused_use_changes_nothing_and_the_allowance_refills_at_its_rate() {
        UserId alice = user("alice");
        takes(alice, FIVE_THEN_FIVE_A_SECOND, T0, 5);
        for (int i = 0; i < 10; i++) {
            assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(10 * i)).admitted()).isFalse();
        }

        assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(200)).admitted())
                .as("one interval later, one more").isTrue();
        assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(200)).admitted()).isFalse();
        assertThat(takes(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(1_200), 5))
                .as("a second later, the whole burst again").containsOnly(true);
        assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(1_200)).admitted()).isFalse();
    }

    @Test
    void a_user_who_keeps_to_the_rate_is_never_refused() {
        UserId alice = user("alice");
        for (int i = 0; i < 30; i++) {
            assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0.plusMillis(200L * i)).admitted())
                    .as("use %d", i).isTrue();
        }
    }

    @Test
    void users_and_limits_have_allowances_of_their_own() {
        UserId alice = user("alice");
        UserId bob = user("bob");
        RateLimit rooms = new RateLimit("rooms", 2, Duration.ofHours(1));
        takes(alice, FIVE_THEN_FIVE_A_SECOND, T0, 5);

        assertThat(store.take(alice, FIVE_THEN_FIVE_A_SECOND, T0).admitted()).isFalse();
        assertThat(takes(bob, FIVE_THEN_FIVE_A_SECOND, T0, 5)).as("bob's frames").containsOnly(true);
        assertThat(takes(alice, rooms, T0, 2)).as("alice's rooms").containsOnly(true);
        Admission third = store.take(alice, rooms, T0.plusSeconds(60));
        assertThat(third.admitted()).isFalse();
        assertThat(third.retryAfter()).isEqualTo(Duration.ofMinutes(59));
    }

    @Test
    void concurrent_takes_are_counted_exactly() throws Exception {
        UserId alice = user("alice");
        RateLimit hundred = new RateLimit("frames", 100, Duration.ofHours(1));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                takes.add(threads.submit(() -> store.take(alice, hundred, T0).admitted()));
            }
            int admitted = 0;
            for (Future<Boolean> take : takes) {
                admitted += take.get() ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(100);
        } finally {
            threads.shutdownNow();
        }
    }

    private List<Boolean> takes(UserId user, RateLimit limit, Instant at, int count) {
        List<Boolean> admitted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            admitted.add(store.take(user, limit, at).admitted());
        }
        return admitted;
    }
}
