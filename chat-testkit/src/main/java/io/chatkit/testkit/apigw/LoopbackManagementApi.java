package io.chatkit.testkit.apigw;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server answering {@code POST/GET/DELETE /{stage}/@connections/{id}} the way API Gateway's
 * Management API does: 410 with {@code x-amzn-ErrorType: GoneException} for unknown connections, typed
 * 403/413/429 errors, raw frame bytes in the POST body, ISO-8601 times from GET. Each connection can be
 * scripted to answer with a fault. Binds to 127.0.0.1 only.
 */
public final class LoopbackManagementApi implements AutoCloseable {

    /** How a connection answers posts. */
    public enum Behaviour {
        OPEN, GONE, GONE_WITHOUT_ERROR_TYPE, FORBIDDEN, PAYLOAD_TOO_LARGE, THROTTLED_ONCE, THROTTLED_FOREVER,
        SERVER_ERROR, HANG
    }

    private record Connection(Instant connectedAt, Behaviour behaviour) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "loopback-management-api");
        thread.setDaemon(true);
        return thread;
    });
    private final String stage;
    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger posts = new AtomicInteger();
    private volatile Duration latency = Duration.ZERO;

    private LoopbackManagementApi(String stage) throws IOException {
        this.stage = stage;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/" + stage + "/@connections/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static LoopbackManagementApi start(String stage) {
        try {
            return new LoopbackManagementApi(stage);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a client's endpointOverride should be: {@code http://127.0.0.1:{port}/{stage}}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + stage);
    }

    public void open(String connectionId) {
        script(connectionId, Behaviour.OPEN);
    }

    /** From now on the connection answers posts this way; its attempt count starts again at zero. */
    public void script(String connectionId, Behaviour behaviour) {
        connections.put(connectionId, new Connection(Instant.now(), behaviour));
        attempts.remove(connectionId);
    }

    /** Adds a fixed delay before every answer, as a real network would. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    public List<String> received(String connectionId) {
        return List.copyOf(received.getOrDefault(connectionId, List.of()));
    }

    public int attempts(String connectionId) {
        return attempts.getOrDefault(connectionId, new AtomicInteger()).get();
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    public int posts() {
        return posts.get();
    }

    public boolean isOpen(String connectionId) {
        return connections.containsKey(connectionId);
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        counted.set(Boolean.TRUE);
        try {
            pause(latency);
            String id = exchange.getRequestURI().getPath().substring(("/" + stage + "/@connections/").length());
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange, id);
                case "GET" -> get(exchange, id);
                case "DELETE" -> delete(exchange, id);
                default -> answer(exchange, 405, null, "");
            }
        } finally {
            answered();
            exchange.close();
        }
    }

    /** Whether the exchange this thread handles still counts in flight (one thread handles an exchange to its end). */
    private final ThreadLocal<Boolean> counted = ThreadLocal.withInitial(() -> Boolean.FALSE);

    /**
     * A request stops counting as in flight once its answer is about to be written, not after: else a client that
     * has its answer and sends the next request could meet the previous one still counted.
     */
    private void answered() {
        if (counted.get()) {
            counted.set(Boolean.FALSE);
            inFlight.decrementAndGet();
        }
    }

    private void post(HttpExchange exchange, String id) throws IOException {
        posts.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int attempt = attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        Connection connection = connections.get(id);
        Behaviour behaviour = connection == null ? Behaviour.GONE : connection.behaviour();
        switch (behaviour) {
            case OPEN -> deliver(exchange, id, body);
            case GONE -> error(exchange, 410, "GoneException", "The connection no longer exists");
            case GONE_WITHOUT_ERROR_TYPE -> answer(exchange, 410, null, "{}");
            case FORBIDDEN -> error(exchange, 403, "ForbiddenException", "Forbidden");
            case PAYLOAD_TOO_LARGE -> error(exchange, 413, "PayloadTooLargeException", "Payload too large");
            case THROTTLED_ONCE -> {
                if (attempt == 1) {
                    error(exchange, 429, "LimitExceededException", "Rate exceeded");
                } else {
                    deliver(exchange, id, body);
                }
            }
            case THROTTLED_FOREVER -> error(exchange, 429, "LimitExceededException", "Rate exceeded");
            case SERVER_ERROR -> error(exchange, 500, "InternalServerErrorException", "Internal server error");
            case HANG -> {
                pause(Duration.ofSeconds(30));
                deliver(exchange, id, body);
            }
        }
    }

    private void deliver(HttpExchange exchange, String id, String body) throws IOException {
        received.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(body);
        answer(exchange, 200, null, "");
    }

    private void get(HttpExchange exchange, String id) throws IOException {
        Connection connection = connections.get(id);
        if (connection == null) {
            error(exchange, 410, "GoneException", "The connection no longer exists");
            return;
        }
        answer(exchange, 200, null, "{\"connectedAt\":\"" + connection.connectedAt() + "\",\"lastActiveAt\":\""
                + Instant.now() + "\",\"identity\":{\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"loopback\"}}");
    }

    private void delete(HttpExchange exchange, String id) throws IOException {
        if (connections.remove(id) == null) {
            error(exchange, 410, "GoneException", "The connection no longer exists");
        } else {
            answer(exchange, 204, null, null);
        }
    }

    private void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        answer(exchange, status, type, "{\"message\":\"" + message + "\"}");
    }

    private void answer(HttpExchange exchange, int status, String errorType, String body) throws IOException {
        answered();
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (errorType != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static void pause(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every frame received, for tests that read them all. */
    public List<String> allReceived() {
        List<String> all = new ArrayList<>();
        received.values().forEach(all::addAll);
        return all;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
