package io.chatkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code $connect} authorizer on a captured-shape REQUEST event: an accepted token is allowed with the user and
 * its expiry as context, which the handler then takes instead of the token; a refused one is the error API Gateway
 * answers with 401.
 */
class ConnectAuthorizerTest {
    private final HandlerHarness h = new HandlerHarness();
    private final ConnectAuthorizer authorizer = new ConnectAuthorizer(h.identity.verifier(), Clock.systemUTC());

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void a_valid_token_is_allowed_for_the_route_with_the_user_and_its_expiry_as_context() {
        Instant exp = Instant.now().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String token = h.identity.token(c -> c.subject("alice").expirationTime(Date.from(exp)));

        Map<String, Object> answer = authorizer.handleRequest(event(token), null);

        assertThat(answer.get("principalId")).isEqualTo("alice");
        assertThat(answer.get("policyDocument")).isEqualTo(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                "Action", "execute-api:Invoke", "Effect", "Allow",
                "Resource", "arn:aws:execute-api:eu-west-1:123456789012:abc123defg/prod/$connect"))));
        assertThat(answer.get("context")).isEqualTo(Map.of("userId", "alice", "expiresAt", exp.toEpochMilli()));
    }

    @Test
    void a_missing_forged_or_just_expired_token_is_refused_with_the_error_api_gateway_answers_401_for() {
        for (String token : new String[] {null, "garbage", h.identity.token(c -> c.audience("other-client")),
                h.identity.token(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(5))))}) {
            assertThatThrownBy(() -> authorizer.handleRequest(event(token), null))
                    .isInstanceOf(ConnectAuthorizer.Unauthorized.class).hasMessage("Unauthorized");
        }
    }

    @Test
    void the_handler_takes_the_user_from_the_context_and_verifies_no_token_again() {
        Instant exp = Instant.now().plus(Duration.ofMinutes(30));
        APIGatewayV2WebSocketEvent connect = HandlerHarness.event("connect");
        connect.getRequestContext().setConnectedAt(System.currentTimeMillis());
        connect.setQueryStringParameters(Map.of("token", "not even a token: the authorizer has checked it"));
        connect.getRequestContext().setAuthorizer(new HashMap<>(Map.of(
                "userId", "carol", "expiresAt", String.valueOf(exp.toEpochMilli()), "principalId", "carol")));

        APIGatewayV2WebSocketResponse response = h.handler.handleRequest(connect, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(h.connections.find(ConnectionId.of("L0SM9cOFvHcCIhw="), Instant.now()))
                .hasValueSatisfying(stored -> {
                    assertThat(stored.userId()).isEqualTo(UserId.of("carol"));
                    assertThat(stored.expiresAt()).isEqualTo(Instant.ofEpochMilli(exp.toEpochMilli()));
                });
    }

    /** The captured-shape authorizer event with this token (or none). */
    static Map<String, Object> event(String token) {
        try (InputStream json = ConnectAuthorizerTest.class.getResourceAsStream("/events/authorizer.json")) {
            Map<String, Object> event = HandlerHarness.JSON.readValue(json, new TypeReference<>() { });
            Map<String, Object> query = new HashMap<>();
            if (token != null) {
                query.put("token", token);
            }
            event.put("queryStringParameters", query);
            event.put("multiValueQueryStringParameters", Map.of());
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
