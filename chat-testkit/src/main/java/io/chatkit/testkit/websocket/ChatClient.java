package io.chatkit.testkit.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client on the JDK's WebSocket for any runtime that speaks the chat's protocol at a {@link ChatEndpoint}:
 * signs in through {@code /dev/token}, sends frames, waits for frames.
 */
public final class ChatClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    public final WebSocket socket;
    private int requests;

    private ChatClient(WebSocket.Builder builder, URI uri) {
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static String tokenFor(ChatEndpoint endpoint, String user) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("token").asText();
    }

    public static ChatClient connect(ChatEndpoint endpoint, String token) {
        return new ChatClient(HTTP.newWebSocketBuilder().connectTimeout(WAIT),
                URI.create(endpoint.websocketUrl() + "?token=" + token));
    }

    public static ChatClient signIn(ChatEndpoint endpoint, String user) throws Exception {
        return connect(endpoint, tokenFor(endpoint, user));
    }

    /** Sends a request and returns its reply (matched by requestId). */
    public JsonNode request(String json) {
        String requestId = "q" + (++requests);
        String withId = json.substring(0, json.length() - 1) + (json.length() > 2 ? "," : "")
                + "\"requestId\":\"" + requestId + "\"}";
        socket.sendText(withId, true).join();
        return await(frame -> requestId.equals(frame.path("requestId").asText(null)));
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** One WebSocket message sent as several frames (continuation frames), as browsers do with large messages. */
    public void sendFragments(List<String> fragments) {
        for (int i = 0; i < fragments.size(); i++) {
            socket.sendText(fragments.get(i), i == fragments.size() - 1).join();
        }
    }

    /** The next frame (in arrival order, skipping those already taken) that matches. */
    public JsonNode await(Predicate<JsonNode> wanted) {
        for (int i = 0; i < seen.size(); i++) {
            if (wanted.test(seen.get(i))) {
                return seen.remove(i);
            }
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                JsonNode frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (frame == null) {
                    break;
                }
                if (wanted.test(frame)) {
                    return frame;
                }
                seen.add(frame);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("no matching frame within " + WAIT + "; unmatched: " + seen);
    }

    /** Every frame that matches, waiting until {@code count} have come or {@code within} has passed. */
    public List<JsonNode> collect(Predicate<JsonNode> wanted, int count, Duration within) throws InterruptedException {
        List<JsonNode> matching = new ArrayList<>();
        for (java.util.Iterator<JsonNode> each = seen.iterator(); each.hasNext(); ) {
            JsonNode frame = each.next();
            if (wanted.test(frame)) {
                matching.add(frame);
                each.remove();
            }
        }
        long deadline = System.nanoTime() + within.toNanos();
        while (matching.size() < count && System.nanoTime() < deadline) {
            JsonNode frame = inbox.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (frame == null) {
                break;
            }
            if (wanted.test(frame)) {
                matching.add(frame);
            } else {
                seen.add(frame);
            }
        }
        return matching;
    }

    public JsonNode awaitPush(String type) {
        return await(frame -> type.equals(frame.path("type").asText()) && frame.path("requestId").isMissingNode());
    }

    /** Frames that arrived and nobody asked for, after a short quiet period. */
    public List<JsonNode> unclaimed(Duration quiet) throws InterruptedException {
        JsonNode frame;
        while ((frame = inbox.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            seen.add(frame);
        }
        return List.copyOf(seen);
    }

    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    inbox.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedWith.complete(-1);
        }
    }
}
