package io.chatkit.testkit.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's Runtime API on loopback, the way a runtime client sees it: {@code GET …/invocation/next} hands
 * out the queued events one at a time (and holds the request while none is queued, as Lambda does),
 * {@code POST …/invocation/{id}/response} and {@code …/error} complete them, {@code …/init/error} records
 * a failed start, and {@code GET …/restore/next} answers the runtime's "snapshot taken, resume" call of
 * SnapStart.
 */
public final class RuntimeApiServer implements AutoCloseable {
    private static final String BASE = "/2018-06-01/runtime";

    /** What the function answered: {@code response} with the serialized result, or {@code error}. */
    public record Answer(String kind, String body) {
    }

    private record Invocation(String requestId, String event) {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final BlockingQueue<Invocation> queued = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> answers = new ConcurrentHashMap<>();
    private final List<String> initErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger restores = new AtomicInteger();
    private final AtomicInteger invocations = new AtomicInteger();
    private volatile boolean closed;

    private RuntimeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext(BASE + "/", this::serve);
        server.start();
    }

    public static RuntimeApiServer start() throws IOException {
        return new RuntimeApiServer();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event and waits for the function's answer. */
    public Answer invoke(String event, Duration timeout) throws Exception {
        String requestId = "req-" + invocations.incrementAndGet();
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        answers.put(requestId, answer);
        queued.add(new Invocation(requestId, event));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to " + requestId + " within " + timeout + "; init errors: " + initErrors);
        }
    }

    public List<String> initErrors() {
        return List.copyOf(initErrors);
    }

    /** How often the runtime asked to resume after a snapshot. */
    public int restores() {
        return restores.get();
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(BASE.length());
        String method = exchange.getRequestMethod();
        String body = read(exchange.getRequestBody());
        if (method.equals("GET") && path.equals("/invocation/next")) {
            next(exchange);
        } else if (method.equals("GET") && path.equals("/restore/next")) {
            restores.incrementAndGet();
            answer(exchange, 200, "");
        } else if (method.equals("POST") && path.equals("/init/error")) {
            initErrors.add(body);
            answer(exchange, 202, "{\"status\":\"OK\"}");
        } else if (method.equals("POST") && path.startsWith("/invocation/")) {
            String[] parts = path.split("/");
            CompletableFuture<Answer> answer = answers.get(parts[2]);
            if (answer == null) {
                answer(exchange, 400, "{\"errorType\":\"InvalidRequestID\"}");
                return;
            }
            answer.complete(new Answer(parts[3], body));
            answer(exchange, 202, "{\"status\":\"OK\"}");
        } else {
            answer(exchange, 404, "{\"errorType\":\"NotFound\"}");
        }
    }

    /** Holds the request until an event is queued; the client is stopped by ending its process, never by an error. */
    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation = null;
        while (invocation == null && !closed) {
            try {
                invocation = queued.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (invocation == null) {
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + 15_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                "arn:aws:lambda:us-east-1:123456789012:function:chatkit-test-MessageFunction:live");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
        answer(exchange, 200, invocation.event());
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
