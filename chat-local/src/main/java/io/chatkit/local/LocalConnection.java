package io.chatkit.local;

import io.chatkit.standalone.SocketSession;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Session;

/** One open socket as the local stage knows it. */
final class LocalConnection {
    /** At most 3 UTF-8 bytes a char (a pair of surrogates makes 4 bytes of 2 chars): frames stay within 32 KB. */
    private static final int CHARS_PER_FRAME = LocalGateway.MAX_FRAME_BYTES / 3;
    /** Messages waiting for a client that does not read; one more closes its socket (1011), as a failed write does. */
    static final int MAX_QUEUED = SocketSession.MAX_QUEUED;

    final String id;
    final long connectedAt;
    final String sourceIp;
    final String userAgent;
    /** Sends as API Gateway does: frames of at most 32 KB (it refuses larger frames from clients, so sends none). */
    private final SocketSession socket = new SocketSession(CHARS_PER_FRAME);
    private final AtomicBoolean disconnectSent = new AtomicBoolean();
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

    void opened(Session session) {
        socket.attach(session);
    }

    Session session() {
        return socket.session();
    }

    void touch() {
        lastActiveAt = Instant.now();
    }

    Instant lastActiveAt() {
        return lastActiveAt;
    }

    /**
     * Queues one text message for the socket and returns at once, as API Gateway answers a post as soon as it has
     * taken the message: false if the socket is closed, or if {@link #MAX_QUEUED} messages wait for it already (then
     * it is closed now: the post is answered 410, as for any closed connection).
     */
    boolean enqueue(String message, Executor writers) {
        return socket.enqueue(message, writers) == SocketSession.Queued.QUEUED;
    }

    /** Closes the socket once what is queued for it is written, as API Gateway delivers posts made before a delete. */
    CompletableFuture<Void> closeAfterQueued(int status, String reason, Executor writers) {
        return socket.closeAfterQueued(status, reason, writers);
    }

    /** True the first time only: $disconnect is delivered once per connection. */
    boolean claimDisconnect() {
        return disconnectSent.compareAndSet(false, true);
    }
}
