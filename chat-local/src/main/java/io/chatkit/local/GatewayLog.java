package io.chatkit.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** One line per connect, route and disconnect, with the integration's status and latency. */
public final class GatewayLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final PrintStream out;

    public GatewayLog(PrintStream out) {
        this.out = out;
    }

    public static GatewayLog quiet() {
        return new GatewayLog(new PrintStream(java.io.OutputStream.nullOutputStream()));
    }

    void line(String routeKey, String connectionId, int status, long startedNanos) {
        long micros = (System.nanoTime() - startedNanos) / 1_000;
        out.printf("%s %-12s %-17s %d %.1f ms%n", LocalTime.now().format(TIME), routeKey, connectionId, status,
                micros / 1000.0);
    }

    void note(String text) {
        out.printf("%s %s%n", LocalTime.now().format(TIME), text);
    }
}
