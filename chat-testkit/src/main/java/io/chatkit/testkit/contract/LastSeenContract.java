package io.chatkit.testkit.contract;

import static io.chatkit.testkit.fixtures.Fixtures.T0;
import static io.chatkit.testkit.fixtures.Fixtures.connection;
import static io.chatkit.testkit.fixtures.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link ConnectionStore} that keeps when users were last seen must do besides the
 * {@link ConnectionStoreContract} (the chat's own stores do; a store that does not leaves {@code lastSeenAt} out of the
 * room list): the moment a user's last connection closed, or expired if that came later, and nothing while they are
 * online. Extend it instead of the {@link ConnectionStoreContract}.
 */
public abstract class LastSeenContract extends ConnectionStoreContract {

    @Test
    void a_user_is_last_seen_when_their_last_connection_closed() {
        UserId alice = user("alice");
        Connection laptop = connection(alice, T0, TTL);
        Connection phone = connection(alice, T0, TTL);
        store.save(laptop);
        store.save(phone);
        Instant laptopClosed = T0.plusSeconds(60);
        Instant phoneClosed = T0.plusSeconds(90);

        store.close(laptop.id(), laptopClosed);
        assertThat(store.presenceOf(List.of(alice), laptopClosed).get(alice)).as("a tab is left")
                .isEqualTo(Presence.ONLINE);
        store.close(phone.id(), phoneClosed);

        assertThat(store.presenceOf(List.of(alice), phoneClosed.plusSeconds(1)).get(alice))
                .isEqualTo(Presence.lastSeen(phoneClosed));
    }

    @Test
    void a_user_whose_last_connection_was_found_gone_is_last_seen_then() {
        UserId dave = user("dave");
        Connection lost = connection(dave, T0, TTL);
        store.save(lost);
        Instant foundGone = T0.plusSeconds(120);

        store.forgetCounted(lost, foundGone);

        assertThat(store.presenceOf(List.of(dave), foundGone.plusSeconds(1)).get(dave))
                .isEqualTo(Presence.lastSeen(foundGone));
    }

    @Test
    void a_connection_that_ended_without_closing_is_last_seen_at_its_expiry() {
        UserId bob = user("bob");
        Connection lost = connection(bob, T0, Duration.ofMinutes(10));
        store.save(lost);

        assertThat(store.presenceOf(List.of(bob), T0.plus(Duration.ofMinutes(11))).get(bob))
                .isEqualTo(Presence.lastSeen(lost.expiresAt()));
    }

    @Test
    void one_never_seen_is_offline_without_a_time() {
        UserId carol = user("carol");

        assertThat(store.presenceOf(List.of(carol), T0).get(carol)).isEqualTo(Presence.OFFLINE);
    }
}
