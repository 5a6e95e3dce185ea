package io.chatkit.lambda;

import io.chatkit.auth.TokenVerifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.testkit.fixtures.UnreachableStore;
import org.junit.jupiter.api.Test;

/** The README's promise for a store that fails: 500 with {@code INTERNAL_ERROR}, "safe to retry", the request id echoed. */
class StoreFailureTest {

    @Test
    void a_failing_store_answers_500_internal_error_safe_to_retry() {
        ConnectionStore down = UnreachableStore.connections("the table is unreachable");
        ChatHandler handler = new ChatHandler(Composition.builder()
                .chat(ChatServices.builder().connections(down).messages(new InMemoryMessageStore()))
                .pushers(endpoint -> new RecordingPusher())
                .tokens(token -> new TokenVerifier.Verification.Valid(UserId.of(token)))
                .build());
        APIGatewayV2WebSocketEvent event = HandlerHarness.event("sendMessage");
        event.getRequestContext().setRouteKey("listRooms");
        event.setBody("{\"action\":\"listRooms\",\"requestId\":\"r-42\"}");

        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode error = HandlerHarness.parse(response.getBody());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/data/code").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(error.at("/data/message").asText()).contains("safe to retry").doesNotContain("unreachable");
        assertThat(error.path("requestId").asText()).isEqualTo("r-42");
    }
}
