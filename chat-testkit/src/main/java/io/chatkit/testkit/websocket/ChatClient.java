package io.chatkit.testkit.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test client for any runtime that speaks the chat's protocol at a {@link ChatEndpoint}: signs in through
 * {@code /dev/token}, sends frames, waits for frames. It talks over the JDK's WebSocket, or — with
 * {@link Compression#PERMESSAGE_DEFLATE} — over Jetty's client offering {@code permessage-deflate} as browsers and
 * Node's {@code ws} do (the JDK's client cannot offer it).
 */
public final class ChatClient implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** What the client offers in its handshake's {@code Sec-WebSocket-Extensions}. */
    public enum Compression {
        /** Nothing: the JDK's client. */
        NONE,
        /** {@code permessage-deflate}, what every browser and Node's {@code ws} offer by default. */
        PERMESSAGE_DEFLATE
    }

    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    private final ClientSocket socket;
    private volatile CountDownLatch reading = new CountDownLatch(0);
    private int requests;

    private ChatClient(URI uri, Compression compression) {
        ClientSocket.Inbound inbound = new ClientSocket.Inbound(this::received, closedWith);
        this.socket = compression == Compression.NONE
                ? new JdkSocket(HTTP.newWebSocketBuilder().connectTimeout(WAIT), uri, inbound)
                : new DeflateSocket(uri, inbound);
    }

    public static String tokenFor(ChatEndpoint endpoint, String user) throws Exception {
        return tokenFor(endpoint, user, "");
    }

    /** A token that expires {@code expiresInSeconds} after it is minted. */
    public static String tokenFor(ChatEndpoint endpoint, String user, int expiresInSeconds) throws Exception {
        return tokenFor(endpoint, user, ",\"expiresIn\":" + expiresInSeconds);
    }

    private static String tokenFor(ChatEndpoint endpoint, String user, String more) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "dev/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\"" + more + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).get("token").asText();
    }

    public static ChatClient connect(ChatEndpoint endpoint, String token) {
        return connect(endpoint, token, Compression.NONE);
    }

    /** Connects; a refused handshake throws {@link HandshakeRefused} with the status the server answered. */
    public static ChatClient connect(ChatEndpoint endpoint, String token, Compression compression) {
        return new ChatClient(URI.create(endpoint.websocketUrl() + "?token=" + token), compression);
    }

    public static ChatClient signIn(ChatEndpoint endpoint, String user) throws Exception {
        return connect(endpoint, tokenFor(endpoint, user));
    }

    public static ChatClient signIn(ChatEndpoint endpoint, String user, Compression compression) throws Exception {
        return connect(endpoint, tokenFor(endpoint, user), compression);
    }

    /** The handshake was answered with {@code status} instead of 101. */
    public static final class HandshakeRefused extends RuntimeException {
        public final int status;

        HandshakeRefused(int status, Throwable cause) {
            super("the handshake was refused with " + status, cause);
            this.status = status;
        }
    }

    /** The extensions the server accepted in its handshake answer (none for the JDK's client, which offers none). */
    public List<String> negotiatedExtensions() {
        return socket.negotiatedExtensions();
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
            try {
                socket.sendText(fragments.get(i), i == fragments.size() - 1).join();
            } catch (java.util.concurrent.CompletionException e) {
                // a server that refuses the message may close the socket before the last frames are out
                try {
                    closedWith.get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception notClosed) {
                    throw e;
                }
            }
        }
    }

    /** One message in frames of at most {@code frameChars} characters each. */
    public void sendInFrames(String message, int frameChars) {
        List<String> fragments = new ArrayList<>();
        for (int start = 0; start < message.length(); start += frameChars) {
            fragments.add(message.substring(start, Math.min(message.length(), start + frameChars)));
        }
        sendFragments(fragments);
    }

    /** Sends a request in frames of at most {@code frameChars} characters and returns its reply. */
    public JsonNode requestInFrames(String json, int frameChars) {
        String requestId = "q" + (++requests);
        sendInFrames(json.substring(0, json.length() - 1) + ",\"requestId\":\"" + requestId + "\"}", frameChars);
        return await(frame -> requestId.equals(frame.path("requestId").asText(null)));
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

    /**
     * Waits for the frame {@code marker} matches and returns the frames that arrived before it and nobody claimed: a
     * negative check that waits for proof instead of a quiet period (a socket's frames arrive in order, so a frame
     * sent before the marker cannot come after it).
     */
    public List<JsonNode> unclaimedBefore(Predicate<JsonNode> marker) {
        await(marker);
        return List.copyOf(seen);
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

    /**
     * Stops reading from the socket: the frame that arrives next is held, and nothing after it is read off the
     * connection until {@link #resumeReading}, so the server's writes back up as they do to a slow client.
     */
    public void holdReading() {
        reading = new CountDownLatch(1);
    }

    public void resumeReading() {
        reading.countDown();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void received(String message) {
        try {
            reading.await(); // on the socket's reading thread: while it waits, the client reads nothing more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            inbox.add(JSON.readTree(message));
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + message, e);
        }
    }
}
