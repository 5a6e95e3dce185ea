package io.chatkit.local;

import io.chatkit.web.Outbox;
import io.chatkit.web.SocketClosing;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/** One open socket as the local stage knows it. */
final class LocalConnection {
    /** At most 3 UTF-8 bytes a char (a pair of surrogates makes 4 bytes of 2 chars): frames stay within 32 KB. */
    private static final int CHARS_PER_FRAME = LocalGateway.MAX_FRAME_BYTES / 3;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    /** Messages waiting for a client that does not read; one more closes its socket (1011), as a failed write does. */
    static final int MAX_QUEUED = 1_000;

    final String id;
    final long connectedAt;
    final String sourceIp;
    final String userAgent;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final AtomicBoolean disconnectSent = new AtomicBoolean();
    /** A frame that could not be written closes the socket (1011): the client reconnects and catches up. */
    private final Outbox outbox = new Outbox(this::send, MAX_QUEUED, this::closeAfterFailedWrite);
    private volatile Instant lastActiveAt;
    /** What the {@code $connect} authorizer returned as context, added to every event of the connection; or null. */
    volatile Map<String, Object> authorizerContext;

    LocalConnection(String id, long connectedAt, String sourceIp, String userAgent) {
        this.id = id;
        this.connectedAt = connectedAt;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.lastActiveAt = Instant.ofEpochMilli(connectedAt);
    }

    void opened(Session socket) {
        session.set(socket);
    }

    Session session() {
        return session.get();
    }

    void touch() {
        lastActiveAt = Instant.now();
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    /**
     * Queues one text message for the socket and returns at once, as API Gateway answers a post as soon as it
     * has taken the message: false if the socket is closed, or if {@link #MAX_QUEUED} messages wait for it already
     * (then it is closed now: the post is answered 410, as for any closed connection). The queue is written in order by one task at a
     * time on {@code writers}, so a slow socket holds up nobody else and the messages of one socket never
     * interleave.
     */
    boolean enqueue(String message, Executor writers) {
        Session socket = session.get();
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        if (outbox.offer(message, writers)) {
            return true;
        }
        // this far behind, the client would miss messages with its socket open: closed, it reconnects and catches up
        SocketClosing.closeOrDrop(socket, org.eclipse.jetty.websocket.api.StatusCode.SERVER_ERROR,
                MAX_QUEUED + " messages wait for this client");
        return false;
    }

    /** Closes the socket once what is queued for it is written, as API Gateway delivers posts made before a delete. */
    java.util.concurrent.CompletableFuture<Void> closeAfterQueued(int status, String reason, Executor writers) {
        return SocketClosing.closeAfterQueued(outbox, session::get, status, reason, writers);
    }

    /**
     * Sends one text message as API Gateway does: in frames of at most 32 KB (the gateway refuses larger frames
     * from clients, so it sends none either), one message at a time on this socket, so that the frames of two
     * messages never interleave. Returns whether the socket took it.
     */
    private void closeAfterFailedWrite() {
        Session socket = session.get();
        if (socket != null && socket.isOpen()) {
            SocketClosing.closeOrDrop(socket, org.eclipse.jetty.websocket.api.StatusCode.SERVER_ERROR,
                    "a frame could not be written");
        }
    }

    private synchronized boolean send(String message) {
        Session socket = session.get();
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        try {
            int start = 0;
            do {
                int end = Math.min(message.length(), start + CHARS_PER_FRAME);
                if (end < message.length() && Character.isHighSurrogate(message.charAt(end - 1))) {
                    end--; // never split a surrogate pair across frames
                }
                Callback.Completable sent = new Callback.Completable();
                socket.sendPartialText(message.substring(start, end), end == message.length(), sent);
                sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                start = end;
            } while (start < message.length());
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** True the first time only: $disconnect is delivered once per connection. */
    boolean claimDisconnect() {
        return disconnectSent.compareAndSet(false, true);
    }
}
