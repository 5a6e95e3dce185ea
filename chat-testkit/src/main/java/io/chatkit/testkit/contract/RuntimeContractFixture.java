package io.chatkit.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.websocket.ChatClient;
import io.chatkit.testkit.websocket.ChatEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every part of {@link ChatRuntimeContract} stands on: a runtime started before each test, stopped after. */
public abstract class RuntimeContractFixture {
    /** A user's message as a client learns of it: pushed to it, or the reply to its own send. */
    protected static final Predicate<JsonNode> USER_MESSAGE = frame -> List.of("message", "sent")
            .contains(frame.path("type").asText()) && frame.at("/data/messageType").asText().equals("user");

    protected ChatEndpoint endpoint;

    /** Starts the runtime on a free port, with its default limits and in-memory stores. */
    protected abstract ChatEndpoint start() throws Exception;

    /** Stops it the graceful way (what a shutdown hook does). */
    protected abstract void stop() throws Exception;

    /**
     * What the clients offer: override with {@code PERMESSAGE_DEFLATE} to run the whole contract as browsers and
     * Node's {@code ws} connect.
     */
    protected ChatClient.Compression compression() {
        return ChatClient.Compression.NONE;
    }

    /**
     * Makes the runtime's clock leap {@code duration} forward (its signed URLs, its allowances, its messages' times),
     * for the tests of what happens once a grant has expired. A fixture starts its runtime on a clock it can move
     * (a {@link io.chatkit.testkit.fixtures.LeapingClock}) and overrides this; by default the test fails, saying so.
     */
    protected void letTimePass(Duration duration) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot move its runtime's clock: start "
                + "the runtime on a LeapingClock and override letTimePass");
    }

    protected ChatClient signIn(String user) throws Exception {
        return ChatClient.signIn(endpoint, user, compression());
    }

    @BeforeEach
    void startRuntime() throws Exception {
        endpoint = start();
    }

    @AfterEach
    void stopRuntime() throws Exception {
        stop();
    }
}
