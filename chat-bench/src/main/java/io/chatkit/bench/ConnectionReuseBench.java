package io.chatkit.bench;

import io.chatkit.lambda.telemetry.Telemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Does a send reuse the HTTP connections of the sends before it? sendMessage through the Lambda handler to a room
 * of N members with 2 connections each, 5 ms per DynamoDB call and 20 ms per push, once per SDK HTTP client; the
 * connections opened to DynamoDB and to {@code @connections} are counted by TCP relays in front of them. On AWS
 * each new connection is a TLS handshake.
 */
final class ConnectionReuseBench {
    private ConnectionReuseBench() {
    }

    static ResultTable run(int members, int messages) {
        ResultTable table = new ResultTable("HTTP connections per send: " + members + " members × 2 connections, 5 ms per "
                + "DynamoDB call and 20 ms per push",
                "SDK HTTP client", "p50", "p99", "process CPU/send", "new connections to DynamoDB/send",
                "new connections to @connections/send");
        for (HttpClients http : HttpClients.values()) {
            try (Backends backends = new Backends(Telemetry.silent(), http)) {
                String room = SendEndToEndBench.roomOf(backends, members, 2);
                for (int i = 0; i < SendEndToEndBench.WARM_UP_SENDS; i++) {
                    SendEndToEndBench.send(backends, room, "warm-" + http + "-" + i);
                }
                backends.latency(Duration.ofMillis(5), Duration.ofMillis(20));
                // a first delayed send fills the pools up to the concurrency the delays cause
                SendEndToEndBench.send(backends, room, "fill-" + http);
                int dynamoDbBefore = backends.dynamoDbConnections.connectionsOpened();
                int gatewayBefore = backends.gatewayConnections.connectionsOpened();
                long cpuBefore = SendEndToEndBench.processCpuNanos();
                List<Double> latencies = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    long one = System.nanoTime();
                    SendEndToEndBench.send(backends, room, "m-" + http + "-" + i);
                    latencies.add((System.nanoTime() - one) / 1e6);
                }
                double cpuPerSend = (SendEndToEndBench.processCpuNanos() - cpuBefore) / 1e6 / messages;
                latencies.sort(Double::compare);
                table.row(http.name(), ResultTable.ms(ResultTable.percentile(latencies, 50)),
                        ResultTable.ms(ResultTable.percentile(latencies, 99)), ResultTable.ms(cpuPerSend),
                        String.format("%.1f", (backends.dynamoDbConnections.connectionsOpened() - dynamoDbBefore)
                                / (double) messages),
                        String.format("%.1f", (backends.gatewayConnections.connectionsOpened() - gatewayBefore)
                                / (double) messages));
            }
        }
        return table.note("Counted by TCP relays in front of dynalite and the loopback @connections, after "
                + SendEndToEndBench.WARM_UP_SENDS + " warm-up sends and one delayed send that fills the pools. "
                + "The URL-connection client runs with http.maxConnections at 64, as ManagementApiClients sets it.");
    }
}
