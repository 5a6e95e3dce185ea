package io.chatkit.lambda.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.PushResult.Reason;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.logging.Invocation;
import io.chatkit.logging.LogLines;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every metric the README's Operating section and the Monitoring stack's alarms name, with its exact value, and the
 * three directives' dimensions exactly: Latency by Route, Requests by Route and Outcome, the rest by nothing.
 */
class TelemetryMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PER_INVOCATION = List.of("ServerErrors", "ColdStart", "Restored",
            "DynamoDbRetries", "DynamoDbThrottled");
    private static final List<String> PER_SEND = List.of("FanOut", "Deliveries", "Gone", "PushFailed",
            "PushThrottled", "PushForbidden", "PushTooLarge", "PushTimeout");

    private static final Notification POSTED = new Notification.MessagePosted(Message.fromUser(RoomId.of("r1"),
            MessageId.of(Instant.EPOCH, "m1"), UserId.of("alice"), MessageContent.of("hi"), Optional.empty()));
    /** A pusher answering each connection with the next result, counted by the telemetry. */
    private static final Function<List<PushResult>, Pusher> COUNTED = results -> Telemetry.countingFanOut(
            (connections, notification) -> {
                Map<ConnectionId, PushResult> answers = new LinkedHashMap<>();
                connections.forEach(id -> answers.put(id, results.get(answers.size())));
                return answers;
            });
    private static final ExecutorService OTHER_THREAD = Executors.newSingleThreadExecutor();

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<Telemetry.StoreCalls> dynamoDb = new AtomicReference<>(Telemetry.StoreCalls.NONE);
    private final Telemetry telemetry = jsonInto(lines).countingStoreCalls(dynamoDb::get);

    @AfterEach
    void restoreLogging() {
        LogLines.install(LogLines.Format.TEXT, Level.WARNING, System.err::println);
    }

    private static Telemetry jsonInto(List<String> lines) {
        LogLines.install(LogLines.Format.JSON, Level.WARNING, lines::add);
        return Telemetry.json(Optional.of("Chatkit/test"), lines::add);
    }

    @Test
    void a_send_reports_each_push_outcome_and_the_store_calls_it_made_exactly() throws Exception {
        // a different number of each outcome, so that no count can stand in for another
        List<PushResult> pushed = new ArrayList<>();
        pushed.addAll(Collections.nCopies(6, PushResult.delivered()));
        pushed.addAll(Collections.nCopies(7, PushResult.gone()));
        pushed.addAll(Collections.nCopies(1, PushResult.failed(Reason.THROTTLED, "429")));
        pushed.addAll(Collections.nCopies(2, PushResult.failed(Reason.FORBIDDEN, "403")));
        pushed.addAll(Collections.nCopies(3, PushResult.failed(Reason.PAYLOAD_TOO_LARGE, "413")));
        pushed.addAll(Collections.nCopies(4, PushResult.failed(Reason.TIMEOUT, "hang")));
        pushed.addAll(Collections.nCopies(5, PushResult.failed(Reason.ERROR, "500")));
        dynamoDb.set(new Telemetry.StoreCalls(7, 2)); // calls of earlier invocations: not this one's

        JsonNode send = invocation("sendMessage", 200, "ok", pushed, new Telemetry.StoreCalls(11, 4));

        assertThat(values(send, PER_INVOCATION)).containsExactly(0L, 1L, 0L, 4L, 2L);
        assertThat(values(send, PER_SEND)).containsExactly(28L, 6L, 7L, 15L, 1L, 2L, 3L, 4L);
        assertThat(send.path("Requests").asLong()).isEqualTo(1);
        assertThat(send.path("Latency").isIntegralNumber()).isTrue();
        assertThat(send.path("Route").asText()).isEqualTo("sendMessage");
        assertThat(send.path("Outcome").asText()).isEqualTo("ok");
    }

    @Test
    void cold_start_once_then_a_server_error_then_a_restore() throws Exception {
        JsonNode first = invocation("listRooms", 200, "ok", List.of(), Telemetry.StoreCalls.NONE);
        JsonNode failed = invocation("listRooms", 500, "INTERNAL_ERROR", List.of(), Telemetry.StoreCalls.NONE);
        telemetry.restored();
        JsonNode restored = invocation("listRooms", 200, "ok", List.of(), Telemetry.StoreCalls.NONE);
        JsonNode after = invocation("listRooms", 200, "ok", List.of(), Telemetry.StoreCalls.NONE);

        assertThat(values(first, PER_INVOCATION)).containsExactly(0L, 1L, 0L, 0L, 0L);
        assertThat(values(failed, PER_INVOCATION)).containsExactly(1L, 0L, 0L, 0L, 0L);
        assertThat(failed.path("Outcome").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(values(restored, PER_INVOCATION)).containsExactly(0L, 1L, 1L, 0L, 0L);
        assertThat(values(after, PER_INVOCATION)).containsExactly(0L, 0L, 0L, 0L, 0L);
        assertThat(first.has("FanOut")).as("only a send reports a fan-out").isFalse();
    }

    @Test
    void latency_is_by_route_requests_by_route_and_outcome_and_everything_else_by_nothing() throws Exception {
        JsonNode send = invocation("sendMessage", 200, "ok", List.of(PushResult.delivered()),
                Telemetry.StoreCalls.NONE);

        JsonNode directives = send.at("/_aws/CloudWatchMetrics");
        assertThat(directives).hasSize(3).allSatisfy(directive ->
                assertThat(directive.path("Namespace").asText()).isEqualTo("Chatkit/test"));
        assertThat(directives.get(0).path("Dimensions").toString()).isEqualTo("[[\"Route\"]]");
        assertThat(names(directives.get(0))).containsExactly("Latency");
        assertThat(directives.get(1).path("Dimensions").toString()).isEqualTo("[[\"Route\",\"Outcome\"]]");
        assertThat(names(directives.get(1))).containsExactly("Requests");
        assertThat(directives.get(2).path("Dimensions").toString()).isEqualTo("[[]]");
        List<String> undimensioned = new ArrayList<>(PER_INVOCATION);
        undimensioned.addAll(PER_SEND);
        assertThat(names(directives.get(2))).containsExactlyElementsOf(undimensioned);
        assertThat(send.fieldNames()).toIterable().as("no per-user, per-room or per-connection value")
                .doesNotContain("userId", "chatRoomId", "connectionId");
    }

    /** One invocation whose store calls move to {@code storeCallsAtEnd} while it runs; its EMF document. */
    private JsonNode invocation(String route, int status, String outcome, List<PushResult> pushed,
                                Telemetry.StoreCalls storeCallsAtEnd) throws Exception {
        lines.clear();
        try (Telemetry.Running running = telemetry.start(new Invocation(Optional.of("lambda-1"),
                Optional.of("api-1"), Optional.of("c1="), route, System.nanoTime()))) {
            if (!storeCallsAtEnd.equals(Telemetry.StoreCalls.NONE)) {
                dynamoDb.set(storeCallsAtEnd);
            }
            if (!pushed.isEmpty()) {
                // from the chat's executor, as a send's fan-out runs: the task carries the invocation that made it
                CompletableFuture.runAsync(Telemetry.carryInvocation(() -> COUNTED.apply(pushed)
                        .push(connections(pushed.size()), POSTED)), OTHER_THREAD).join();
            }
            running.finish(status, outcome);
        }
        return lines.stream().filter(line -> line.contains("\"_aws\"")).map(this::parse).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no EMF document in " + lines));
    }

    @Test
    void only_a_message_pushed_for_this_invocation_counts_towards_its_fan_out() throws Exception {
        JsonNode send;
        lines.clear();
        try (Telemetry.Running running = telemetry.start(new Invocation(Optional.empty(), Optional.empty(),
                Optional.of("c1="), "sendMessage", System.nanoTime()))) {
            Pusher counted = COUNTED.apply(List.of(PushResult.delivered(), PushResult.gone()));
            counted.push(connections(1), POSTED); // on the invocation's own thread: counted
            counted.push(connections(1), new Notification.SessionExpired(Instant.EPOCH)); // not a message
            // another thread's push, not carried: another invocation's, not this one's
            CompletableFuture.runAsync(() -> counted.push(connections(2), POSTED), OTHER_THREAD).join();
            running.finish(200, "ok");
        }
        send = lines.stream().filter(line -> line.contains("\"_aws\"")).map(this::parse).reduce((a, b) -> b)
                .orElseThrow();

        assertThat(values(send, PER_SEND)).containsExactly(1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L);
    }

    private static List<ConnectionId> connections(int count) {
        List<ConnectionId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(ConnectionId.of("c" + i + "="));
        }
        return ids;
    }

    private JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static List<Long> values(JsonNode document, List<String> names) {
        return names.stream().map(name -> {
            assertThat(document.path(name).isIntegralNumber()).as(name + " in " + document).isTrue();
            return document.path(name).asLong();
        }).toList();
    }

    private static List<String> names(JsonNode directive) {
        return StreamSupport.stream(directive.path("Metrics").spliterator(), false)
                .map(metric -> metric.path("Name").asText()).toList();
    }
}
