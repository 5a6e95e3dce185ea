package io.chatkit.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * 2. sendMessage through the Lambda handler in rooms of N members (one or more connections each): DynamoDB on
 * dynalite, pushes to a loopback {@code @connections}; requests and pushes counted, not estimated, and the
 * CPU time per send measured twice: the whole process's, and the handler's alone (every thread but the loopback
 * server's, which stands for API Gateway, and the JIT compiler's).
 */
final class SendEndToEndBench {
    /** Sends before measuring, so that the JIT has compiled the hot path (its CPU is not the handler's). */
    static final int WARM_UP_SENDS = 50;

    private SendEndToEndBench() {
    }

    static ResultTable run(int[] roomSizes, int messages, Duration perDynamoDbCall, Duration perPush) {
        return run(roomSizes, 1, messages, perDynamoDbCall, perPush);
    }

    static ResultTable run(int[] roomSizes, int connectionsPerMember, int messages, Duration perDynamoDbCall,
                     Duration perPush) {
        boolean delayed = !perDynamoDbCall.isZero() || !perPush.isZero();
        ResultTable table = new ResultTable("Send message end to end" + (connectionsPerMember > 1
                        ? ", " + connectionsPerMember + " connections per member" : "") + (delayed ? ", with "
                        + perDynamoDbCall.toMillis() + " ms per DynamoDB call and " + perPush.toMillis()
                        + " ms per push" : ", on loopback"),
                "members", "messages/s", "p50", "p99", "handler CPU/send", "process CPU/send", "DynamoDB requests/message", "budget ⌈N/100⌉+6",
                "pushes/message");
        try (Backends backends = new Backends()) {
            for (int members : roomSizes) {
                String room = roomOf(backends, members, connectionsPerMember);
                for (int i = 0; i < WARM_UP_SENDS; i++) {
                    send(backends, room, "warm-" + members + "-" + i);
                }
                backends.latency(perDynamoDbCall, perPush);
                backends.dynamoDbRequests.clear();
                int postsBefore = backends.gateway.posts();
                List<Double> latencies = new ArrayList<>();
                long cpuBefore = processCpuNanos();
                Map<Long, Long> threadsBefore = handlerThreadCpuNanos();
                long started = System.nanoTime();
                for (int i = 0; i < messages; i++) {
                    long one = System.nanoTime();
                    send(backends, room, "m-" + members + "-" + i);
                    latencies.add((System.nanoTime() - one) / 1e6);
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                double cpuPerSend = (processCpuNanos() - cpuBefore) / 1e6 / messages;
                double handlerCpuPerSend = cpuSince(threadsBefore) / 1e6 / messages;
                int requests = backends.dynamoDbRequests.count();
                int pushes = backends.gateway.posts() - postsBefore;
                backends.latency(Duration.ZERO, Duration.ZERO);
                latencies.sort(Double::compare);
                table.row(members, ResultTable.perSecond(messages / seconds), ResultTable.ms(ResultTable.percentile(latencies, 50)),
                        ResultTable.ms(ResultTable.percentile(latencies, 99)), ResultTable.ms(handlerCpuPerSend), ResultTable.ms(cpuPerSend),
                        String.format("%.1f", (double) requests / messages), (members + 99) / 100 + 6,
                        String.format("%.1f", (double) pushes / messages));
            }
        }
        return table.note(delayed
                ? "Bounded by: three rounds of DynamoDB calls plus one wave of pushes per message — the round-trip "
                        + "structure, not the servers' CPU."
                : "Bounded by: dynalite (one node process) serving ⌈N/100⌉ + 6 requests per message, on the same 2 cores.");
    }

    /** CPU time of each live thread that is the handler's: not the loopback server's, not the JIT compiler's. */
    static Map<Long, Long> handlerThreadCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null && isHandlerThread(info.getThreadName())) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos >= 0) {
                    cpu.put(info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static boolean isHandlerThread(String name) {
        return !name.startsWith("loopback-management-api") && !name.equals("HTTP-Dispatcher")
                && !name.equals("idle-timeout-task") && !name.contains("CompilerThread");
    }

    /** CPU the handler's threads used since {@code before} (threads started since count from zero). */
    static long cpuSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : handlerThreadCpuNanos().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }

    /** CPU time of this whole JVM (handler, SDK clients and the loopback {@code @connections} server). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static String roomOf(Backends backends, int members, int connectionsPerMember) {
        String prefix = "u" + members + "x" + System.nanoTime() % 100_000;
        List<String> users = IntStream.range(0, members).mapToObj(i -> prefix + "m" + i).toList();
        for (String user : users) {
            for (int c = connectionsPerMember - 1; c >= 0; c--) {
                String connection = user + (c == 0 ? "" : "c" + c) + "=";
                backends.handler.handleRequest(HandlerEvents.connect(connection, user), null);
                backends.gateway.open(connection);
            }
        }
        String others = users.subList(1, members).stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(","));
        APIGatewayV2WebSocketResponse created = backends.handler.handleRequest(HandlerEvents.message(users.get(0) + "=",
                "createRoom", "{\"action\":\"createRoom\",\"participantIds\":[" + others + "]}"), null);
        return HandlerEvents.roomIdOf(created.getBody()) + "|" + users.get(0) + "=";
    }

    static void send(Backends backends, String roomAndSender, String text) {
        String[] parts = roomAndSender.split("\\|");
        APIGatewayV2WebSocketResponse reply = backends.handler.handleRequest(HandlerEvents.message(parts[1], "sendMessage",
                "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + parts[0] + "\",\"content\":\"" + text
                        + "\",\"clientMessageId\":\"" + text + "\"}"), null);
        if (!reply.getBody().contains("\"type\":\"sent\"")) {
            throw new IllegalStateException("send failed: " + reply.getBody());
        }
    }
}
