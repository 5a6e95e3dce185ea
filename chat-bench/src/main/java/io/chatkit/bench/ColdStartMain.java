package io.chatkit.bench;

import io.chatkit.protocol.ChatProtocol;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.lambda.ChatHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * Runs in a fresh JVM with only the Lambda artifact on the class path, as a Lambda container would:
 * {@code send} builds the handler from the environment and handles one sendMessage; {@code fanout}
 * pushes one frame to many connections. Prints one RESULT line. Only classes of the artifact are used.
 */
public final class ColdStartMain {
    private ColdStartMain() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String result = args[0].equals("fanout") ? fanOut(Integer.parseInt(args[1])) : send(started);
        System.out.println("HANDLED");
        System.out.flush();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("RESULT " + result + " uptime_ms=" + (System.currentTimeMillis() - jvmStart)
                + " rss_peak_kb=" + rssPeakKb() + " heap_peak_mb=" + heapPeakMb());
        System.exit(0);
    }

    private static String send(long started) {
        ChatHandler handler = new ChatHandler();
        long composed = System.nanoTime();
        APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
        APIGatewayV2WebSocketEvent.RequestContext context = new APIGatewayV2WebSocketEvent.RequestContext();
        context.setConnectionId(System.getenv("BENCH_CONNECTION_ID"));
        context.setRouteKey("sendMessage");
        context.setEventType("MESSAGE");
        context.setDomainName("bench.execute-api.us-east-1.amazonaws.com");
        context.setStage("bench");
        event.setRequestContext(context);
        event.setBody("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + System.getenv("BENCH_ROOM_ID")
                + "\",\"content\":\"cold\"}");
        APIGatewayV2WebSocketResponse response = handler.handleRequest(event, null);
        long handled = System.nanoTime();
        if (response.getBody() == null || !response.getBody().contains("\"sent\"")) {
            throw new IllegalStateException("not sent: " + response.getBody());
        }
        return "compose_ms=" + (composed - started) / 1_000_000 + " first_request_ms=" + (handled - composed) / 1_000_000
                + " main_to_handled_ms=" + (handled - started) / 1_000_000;
    }

    private static String fanOut(int connections) {
        try (ManagementApiClients clients = ManagementApiClients.fromEnvironment()) {
            ApiGatewayPusher pusher = new ApiGatewayPusher(clients.clientFor(URI.create(System.getenv("CALLBACK_URL"))),
                    ChatProtocol::encode, Executors.newCachedThreadPool(), ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT);
            List<ConnectionId> ids = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                ids.add(ConnectionId.of("fan" + i + "="));
            }
            long started = System.nanoTime();
            var results = pusher.push(ids, new Notification.MessagesRead(io.chatkit.core.domain.RoomId.of("r"),
                    io.chatkit.core.domain.UserId.of("u"), io.chatkit.core.domain.MessageId.of("0000000000001-a"),
                    java.time.Instant.now()));
            long delivered = results.values().stream()
                    .filter(io.chatkit.core.port.out.PushResult.Delivered.class::isInstance).count();
            return "delivered=" + delivered + " fanout_ms=" + (System.nanoTime() - started) / 1_000_000;
        }
    }

    private static long rssPeakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }
}
