package io.chatkit.bench;

import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.out.PushResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * 1. One message pushed to N connections through ApiGatewayPusher (real SDK client, loopback
 * {@code @connections}), concurrently (64 in flight) against one after another.
 */
final class FanOutBench {
    private static final byte[] FRAME = ("{\"type\":\"message\",\"data\":{\"content\":\"" + "x".repeat(200) + "\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private FanOutBench() {
    }

    static ResultTable run(int[] sizes, Duration latency, int repeats) {
        ResultTable table = new ResultTable("Fan-out" + (latency.isZero() ? "" : " with " + latency.toMillis() + " ms per push"),
                "connections", "concurrent (64 in flight)", "deliveries/s", "one after another", "speed-up",
                latency.isZero() ? "—" : "ideal: waves × latency");
        ExecutorService executor = Executors.newCachedThreadPool(daemon());
        try (LoopbackManagementApi api = LoopbackManagementApi.start("bench");
             ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))) {
            var client = clients.clientFor(api.endpoint());
            ApiGatewayPusher concurrent = new ApiGatewayPusher(client, n -> FRAME, executor, 64);
            ApiGatewayPusher sequential = new ApiGatewayPusher(client, n -> FRAME, executor, 1);
            Notification notification = new Notification.MessagePosted(null);
            warmUp(api, concurrent, sequential, notification);
            api.latency(latency);
            for (int size : sizes) {
                List<ConnectionId> connections = open(api, size);
                double concurrentMs = median(repeats, () -> push(concurrent, connections, notification));
                // One after another takes N × latency: time a slice and scale it when that would take long.
                int slice = latency.isZero() ? size : Math.min(size, Math.max(10, (int) (2_000 / latency.toMillis())));
                double sliceMs = median(latency.isZero() ? repeats : 1,
                        () -> push(sequential, connections.subList(0, slice), notification));
                double sequentialMs = sliceMs * size / slice;
                String ideal = latency.isZero() ? "—"
                        : ResultTable.ms(Math.ceil(size / 64.0) * latency.toMillis());
                table.row(size, ResultTable.ms(concurrentMs), ResultTable.perSecond(size / (concurrentMs / 1000)),
                        ResultTable.ms(sequentialMs) + (slice < size ? " (from " + slice + ")" : ""),
                        ResultTable.ratio(sequentialMs / concurrentMs), ideal);
            }
        } finally {
            executor.shutdownNow();
        }
        return table.note("Bounded by: the loopback server's and the SDK's per-request CPU on 2 cores; with latency, "
                + "by waves of 64 in flight.");
    }

    private static void warmUp(LoopbackManagementApi api, ApiGatewayPusher concurrent, ApiGatewayPusher sequential,
                               Notification notification) {
        List<ConnectionId> warm = open(api, 200);
        for (int i = 0; i < 5; i++) {
            push(concurrent, warm, notification);
            push(sequential, warm.subList(0, 50), notification);
        }
    }

    static List<ConnectionId> open(LoopbackManagementApi api, int count) {
        List<ConnectionId> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "b" + System.nanoTime() + "x" + i + "=";
            api.open(id);
            connections.add(ConnectionId.of(id));
        }
        return connections;
    }

    private static double push(ApiGatewayPusher pusher, List<ConnectionId> connections, Notification notification) {
        long started = System.nanoTime();
        Map<ConnectionId, PushResult> results = pusher.push(connections, notification);
        double millis = (System.nanoTime() - started) / 1e6;
        if (!results.values().stream().allMatch(PushResult.Delivered.class::isInstance)) {
            throw new IllegalStateException("a push was not delivered: " + results.values());
        }
        return millis;
    }

    static double median(int repeats, java.util.function.DoubleSupplier run) {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            times.add(run.getAsDouble());
        }
        times.sort(Double::compare);
        return times.get(times.size() / 2);
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return task -> {
            Thread thread = new Thread(task, "bench");
            thread.setDaemon(true);
            return thread;
        };
    }
}
