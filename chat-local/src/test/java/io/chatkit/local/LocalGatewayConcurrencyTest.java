package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.junit.jupiter.api.Test;

/**
 * The local gateway runs a bounded number of invocations at once, as Lambda runs a bounded number of execution
 * environments, one connection's frames one after another; and answers an {@code @connections} post once the frame
 * is queued, not once it is written.
 */
class LocalGatewayConcurrencyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Map<String, AtomicInteger> runningPerConnection = new ConcurrentHashMap<>();
    private final AtomicInteger overlapsWithinAConnection = new AtomicInteger();
    private final List<String> handled = new CopyOnWriteArrayList<>();

    private LocalGateway gateway(int concurrency) {
        return new LocalGateway(0, "test", Set.of(), (event, context) -> {
            if ("MESSAGE".equals(event.getRequestContext().getEventType())) {
                String connection = event.getRequestContext().getConnectionId();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                if (runningPerConnection.computeIfAbsent(connection, c -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlapsWithinAConnection.incrementAndGet();
                }
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.add(event.getBody());
                runningPerConnection.get(connection).decrementAndGet();
                running.decrementAndGet();
            }
            APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
            response.setStatusCode(200);
            return response;
        }, new Handler.Sequence(), new GatewayLog(new PrintStream(OutputStream.nullOutputStream())),
                Clock.systemUTC(), concurrency);
    }

    @Test
    void two_invocations_run_at_once_and_one_connections_frames_one_after_another_in_order() throws Exception {
        try (LocalGateway gateway = gateway(2)) {
            gateway.start();
            List<WebSocket> sockets = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                sockets.add(HTTP.newWebSocketBuilder().buildAsync(URI.create(gateway.websocketUrl()),
                        new WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
            }
            for (int k = 0; k < 5; k++) {
                for (int c = 0; c < 4; c++) {
                    sockets.get(c).sendText("c" + c + "-" + k, true).join();
                }
            }
            LocalGatewayEndToEndTest.awaitCondition(() -> handled.size() >= 20);

            assertThat(handled).hasSize(20);
            assertThat(mostAtOnce.get()).as("invocations at once: the bound, and used").isEqualTo(2);
            assertThat(overlapsWithinAConnection.get()).as("a connection's frames overlapping").isZero();
            for (int c = 0; c < 4; c++) {
                String prefix = "c" + c + "-";
                assertThat(handled.stream().filter(frame -> frame.startsWith(prefix)).toList())
                        .as("connection %d's frames in the order sent", c)
                        .containsExactly(prefix + 0, prefix + 1, prefix + 2, prefix + 3, prefix + 4);
            }
            sockets.forEach(WebSocket::abort);
        }
    }

    @Test
    void the_default_is_two_invocations_per_core() {
        assertThat(LocalGateway.DEFAULT_CONCURRENCY).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(gateway(3).concurrency()).isEqualTo(3);
    }

    @Test
    void a_post_is_answered_once_the_frame_is_queued_even_while_the_client_reads_nothing() throws Exception {
        try (LocalGateway gateway = gateway(2)) {
            gateway.start();
            Set<String> before = gateway.openConnectionIds();
            try (RawWebSocket idle = RawWebSocket.open(URI.create(gateway.websocketUrl() + "?x=1"))) {
                String id = LocalGatewayEndToEndTest.newId(gateway, before);
                URI post = URI.create(gateway.callbackUrl() + "/@connections/"
                        + URLEncoder.encode(id, StandardCharsets.UTF_8));
                String frame = "x".repeat(100 * 1024);

                // 8 MB for a client that reads nothing: far more than the socket's buffers take, so a post that
                // waited for its frame to be written would hang here
                for (int i = 0; i < 80; i++) {
                    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(post)
                            .POST(HttpRequest.BodyPublishers.ofString(frame)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(answer.statusCode()).as("post %d", i + 1).isEqualTo(200);
                }

                assertThat(idle.readMessages(80)).as("then the client reads every frame")
                        .filteredOn(RawWebSocket.Frame::fin).hasSize(80);
            }
        }
    }
}
