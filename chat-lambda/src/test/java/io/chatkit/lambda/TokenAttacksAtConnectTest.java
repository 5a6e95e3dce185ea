package io.chatkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every token attack of the README's Reliability table, presented where an attacker presents it: at
 * {@code $connect}, through the handler. Each is refused with 401 and leaves nothing stored.
 */
class TokenAttacksAtConnectTest {
    private final HandlerHarness harness = new HandlerHarness();

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void every_token_attack_is_refused_with_401_at_connect_and_nothing_is_stored() throws Exception {
        Map<String, String> attacks = TokenAttacks.against(harness.identity);
        assertThat(attacks).hasSize(14);

        int n = 0;
        for (Map.Entry<String, String> attack : attacks.entrySet()) {
            String connection = "attack" + n++ + "=";

            int status = harness.connect(connection, attack.getValue()).getStatusCode();

            assertThat(status).as(attack.getKey()).isEqualTo(401);
            assertThat(harness.connections.find(ConnectionId.of(connection), Instant.now())).as(attack.getKey()).isEmpty();
        }
        assertThat(harness.connections.liveConnectionsOf(List.of(UserId.of("alice"), UserId.of("bob")), Instant.now()))
                .isEmpty();
        assertThat(harness.gateway.posts()).isZero();
    }

    @Test
    void the_same_harness_lets_a_valid_token_in() {
        assertThat(harness.connect("alice=", harness.identity.idToken("alice")).getStatusCode()).isEqualTo(200);
        assertThat(harness.connections.find(ConnectionId.of("alice="), Instant.now())).isPresent();
    }
}
