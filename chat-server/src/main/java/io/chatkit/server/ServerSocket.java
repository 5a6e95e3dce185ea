package io.chatkit.server;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.standalone.SocketSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.eclipse.jetty.websocket.api.Session;

/** One client socket of this server: its connection id, and the {@link SocketSession} its frames are written through. */
final class ServerSocket {
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    /** Frames queued for a client that does not read; one more closes its socket (1011), as a failed write does. */
    static final int MAX_QUEUED = SocketSession.MAX_QUEUED;

    private final ConnectionId id;
    private final SocketSession socket = new SocketSession(Integer.MAX_VALUE);

    ServerSocket(ConnectionId id) {
        this.id = id;
    }

    ConnectionId id() {
        return id;
    }

    /** The session frames are written to. */
    void attach(Session opened) {
        socket.attach(opened);
    }

    /** Queues a frame and returns at once: delivered to the socket's queue, or why not. */
    PushResult enqueue(String frame, Executor writers) {
        return switch (socket.enqueue(frame, writers)) {
            case QUEUED -> PushResult.delivered();
            case CLOSED -> PushResult.gone();
            // a client this far behind would miss frames from now on: closed, it reconnects and catches up instead
            case FULL -> PushResult.failed(PushResult.Reason.THROTTLED, MAX_QUEUED + " frames wait for this client; "
                    + "its socket is closed");
        };
    }

    /** Closes the socket once what is queued for it is written: a frame pushed just before reaches the client. */
    CompletableFuture<Void> closeAfterQueued(int status, String reason, Executor writers) {
        return socket.closeAfterQueued(status, reason, writers);
    }
}
