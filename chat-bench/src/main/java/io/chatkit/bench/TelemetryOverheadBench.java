package io.chatkit.bench;

import io.chatkit.lambda.telemetry.Telemetry;
import io.chatkit.logging.LogLines;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * 6. What the log lines and metrics cost a send: the same sends through two handlers in one process, one with
 * telemetry as on Lambda (a JSON record and an EMF document per invocation, written to a stream like Lambda's
 * standard output), one silent, in alternating blocks so that the machine's noise falls on both alike.
 */
final class TelemetryOverheadBench {
    private TelemetryOverheadBench() {
    }

    /** The handler's records and the process's logging as JSON lines into {@code out}, as on Lambda. */
    private static Telemetry jsonInto(PrintStream out) {
        LogLines.install(LogLines.Format.JSON, Level.INFO, out::println);
        return Telemetry.json(Optional.of("Chatkit/bench"), out::println);
    }

    static ResultTable run(int members, int blocks, int sendsPerBlock, Duration perDynamoDbCall, Duration perPush) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false);
        ResultTable table = new ResultTable("Telemetry on and off: sendMessage to " + members + " members, with "
                + perDynamoDbCall.toMillis() + " ms per DynamoDB call and " + perPush.toMillis() + " ms per push",
                "telemetry", "sends", "p50", "p99", "handler CPU/send", "ratio p50", "ratio CPU");
        try (Backends off = new Backends(Telemetry.silent());
             Backends on = new Backends(jsonInto(discard))) {
            String roomOff = SendEndToEndBench.roomOf(off, members, 1);
            String roomOn = SendEndToEndBench.roomOf(on, members, 1);
            Map<Backends, String> rooms = Map.of(off, roomOff, on, roomOn);
            Measured offRun = new Measured();
            Measured onRun = new Measured();
            for (int warm = 0; warm < SendEndToEndBench.WARM_UP_SENDS; warm++) {
                SendEndToEndBench.send(off, roomOff, "warm-off-" + warm);
                SendEndToEndBench.send(on, roomOn, "warm-on-" + warm);
            }
            off.latency(perDynamoDbCall, perPush);
            on.latency(perDynamoDbCall, perPush);
            for (int block = 0; block < blocks; block++) {
                offRun.add(off, rooms.get(off), "off-" + block, sendsPerBlock);
                onRun.add(on, rooms.get(on), "on-" + block, sendsPerBlock);
            }
            double p50Off = offRun.p50();
            double cpuOff = offRun.cpuPerSend();
            table.row("off", offRun.latencies.size(), ResultTable.ms(p50Off), ResultTable.ms(offRun.p99()), ResultTable.ms(cpuOff),
                    "1.00", "1.00");
            table.row("on (JSON record + EMF)", onRun.latencies.size(), ResultTable.ms(onRun.p50()), ResultTable.ms(onRun.p99()),
                    ResultTable.ms(onRun.cpuPerSend()), String.format("%.2f", onRun.p50() / p50Off),
                    String.format("%.2f", onRun.cpuPerSend() / cpuOff));
        }
        return table.note("Both handlers in one JVM, sends in alternating blocks of " + sendsPerBlock + "; the "
                + "target is a ratio of at most 1.05. Handler CPU is the process's threads but the loopback "
                + "@connections server's and the JIT compiler's.");
    }

    private static final class Measured {
        final List<Double> latencies = new ArrayList<>();
        long cpuNanos;

        void add(Backends backends, String room, String prefix, int sends) {
            Map<Long, Long> before = SendEndToEndBench.handlerThreadCpuNanos();
            for (int i = 0; i < sends; i++) {
                long started = System.nanoTime();
                SendEndToEndBench.send(backends, room, prefix + "-" + i);
                latencies.add((System.nanoTime() - started) / 1e6);
            }
            cpuNanos += SendEndToEndBench.cpuSince(before);
        }

        double p50() {
            List<Double> sorted = latencies.stream().sorted().toList();
            return ResultTable.percentile(sorted, 50);
        }

        double p99() {
            List<Double> sorted = latencies.stream().sorted().toList();
            return ResultTable.percentile(sorted, 99);
        }

        double cpuPerSend() {
            return cpuNanos / 1e6 / latencies.size();
        }
    }
}
