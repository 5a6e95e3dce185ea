package io.chatkit.local;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.api.Session;

/** One open socket as the local stage knows it. */
final class LocalConnection {
    final String id;
    final long connectedAt;
    final String sourceIp;
    final String userAgent;
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final AtomicBoolean disconnectSent = new AtomicBoolean();
    private volatile Instant lastActiveAt;

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

    /** True the first time only: $disconnect is delivered once per connection. */
    boolean claimDisconnect() {
        return disconnectSent.compareAndSet(false, true);
    }
}
