package io.chatkit.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where the chat's {@code System.Logger} records go: {@code System.Logger} falls back to java.util.logging, and
 * this replaces its root handler with one that writes each record as one line — a JSON object in Lambda's JSON
 * log format ({@code timestamp}, {@code level}, {@code message}, the invocation's ids, an exception as one
 * {@code error} field), or the same fields readable, for a terminal. A record carries the fields of the
 * invocation its thread is handling ({@link #during}).
 */
public final class LogLines extends Handler {
    public enum Format { JSON, TEXT }

    private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();
    /** Held: java.util.logging keeps loggers only weakly, and would forget the level set on it. */
    private static final Logger CHATKIT = Logger.getLogger("io.chatkit");
    private static final String RECORDS = "io.chatkit.requests";

    private final Format format;
    private final Consumer<String> out;

    private LogLines(Format format, Consumer<String> out) {
        this.format = format;
        this.out = out;
    }

    /**
     * Replaces the root handlers, for the whole JVM, with lines in {@code format}: the chat's own records at
     * {@code level} and above, everyone else's (the JDK's, the SDK's) at INFO and above whatever {@code level} says.
     */
    public static void install(Format format, Level level, Consumer<String> out) {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        LogLines lines = new LogLines(format, out);
        lines.setLevel(level);
        root.addHandler(lines);
        root.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
        CHATKIT.setLevel(level);
    }

    /** What the lines written on this thread until {@link Scope#close()} say about the invocation. */
    public static Scope during(Invocation invocation) {
        Scope scope = new Scope(invocation, CURRENT.get());
        CURRENT.set(scope);
        return scope;
    }

    /** The invocation being handled on this thread; the user once it is known. */
    public static final class Scope implements AutoCloseable {
        private final Invocation invocation;
        private final Scope outer;
        private volatile Optional<String> user = Optional.empty();

        private Scope(Invocation invocation, Scope outer) {
            this.invocation = invocation;
            this.outer = outer;
        }

        public void user(String userId) {
            user = Optional.ofNullable(userId);
        }

        @Override
        public void close() {
            CURRENT.set(outer);
        }
    }

    /**
     * The one record of a finished request: {@code route outcome in N ms}, with {@code outcome} ({@code ok} or an
     * error code), {@code status}, {@code durationMs} and the user once known; INFO when answered, WARN when
     * refused (4xx), ERROR when it failed (5xx). Every runtime writes the same.
     */
    public static void request(String route, String outcome, int status, long millis, Optional<String> user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", route);
        fields.put("outcome", outcome);
        fields.put("status", status);
        fields.put("durationMs", millis);
        user.ifPresent(id -> fields.put("userId", id));
        Level level = status >= 500 ? Level.SEVERE : status >= 400 ? Level.WARNING : Level.INFO;
        write(level, route + " " + outcome + " in " + millis + " ms", fields);
    }

    /** Writes the record of a finished request: its message and its fields, beside the invocation's ids. */
    public static void write(Level level, String message, Map<String, Object> fields) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(RECORDS);
        record.setParameters(new Object[] {fields});
        Logger.getLogger(RECORDS).log(record);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", record.getInstant().toString());
        line.put("level", level(record.getLevel()));
        line.put("message", message(record));
        line.put("logger", record.getLoggerName());
        Scope scope = CURRENT.get();
        if (scope != null) {
            scope.invocation.lambdaRequestId().ifPresent(id -> line.put("requestId", id));
            scope.invocation.apiRequestId().ifPresent(id -> line.put("apiRequestId", id));
            scope.invocation.connectionId().ifPresent(id -> line.put("connectionId", id));
            line.put("route", scope.invocation.route());
            scope.user.ifPresent(user -> line.put("userId", user));
        }
        if (record.getParameters() != null && record.getParameters().length == 1
                && record.getParameters()[0] instanceof Map<?, ?> fields) {
            fields.forEach((key, value) -> line.put(String.valueOf(key), value));
        }
        if (record.getThrown() != null) {
            line.put("error", error(record.getThrown()));
        }
        out.accept(format == Format.JSON ? JsonText.line(line) : readable(line));
    }

    private static String message(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || parameters[0] instanceof Map<?, ?>) {
            return record.getMessage();
        }
        try {
            return MessageFormat.format(record.getMessage(), parameters);
        } catch (IllegalArgumentException e) {
            return record.getMessage();
        }
    }

    /** Lambda's level names, which its log-level filter knows. */
    static String level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (value >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (value >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (value >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** The level named by Lambda's {@code AWS_LAMBDA_LOG_LEVEL} (or ours), INFO if none or unknown. */
    public static Level levelNamed(String name) {
        if (name == null) {
            return Level.INFO;
        }
        return switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            default -> Level.INFO;
        };
    }

    private static Map<String, Object> error(Throwable thrown) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", thrown.getClass().getName());
        error.put("message", String.valueOf(thrown.getMessage()));
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        error.put("stackTrace", trace.toString());
        return error;
    }

    /** {@code 2026-11-30T02:10:44.123Z INFO  sendMessage conn=… user=… message key=value …}. */
    private static String readable(Map<String, Object> line) {
        StringBuilder text = new StringBuilder();
        text.append(line.get("timestamp")).append(' ').append(String.format("%-5s", line.get("level")));
        for (String field : new String[] {"route", "connectionId", "userId"}) {
            if (line.containsKey(field)) {
                text.append(' ').append(field.equals("route") ? "" : field + "=").append(line.get(field));
            }
        }
        text.append(' ').append(line.get("message"));
        line.forEach((key, value) -> {
            if (!key.equals("error") && !java.util.Set.of("timestamp", "level", "message", "logger", "route",
                    "connectionId", "userId", "requestId", "apiRequestId").contains(key)) {
                text.append(' ').append(key).append('=').append(value);
            }
        });
        if (line.get("error") instanceof Map<?, ?> error) {
            String trace = String.valueOf(error.get("stackTrace"));
            String[] frames = trace.split("\\R");
            text.append(" | ").append(error.get("type")).append(": ").append(error.get("message"))
                    .append(frames.length > 1 ? " " + frames[1].trim() : "");
        }
        return text.toString();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
