package io.chatkit.server;

import io.chatkit.web.Outbox;
import io.chatkit.web.SocketClosing;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.out.PushResult;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client socket: its connection id, and the queue of frames waiting to be written to it. One task at a time
 * writes the queue, in order, so frames never interleave and a slow client holds up only itself. Public because
 * Jetty instantiates listeners reflectively; frames that arrive go to {@link ChatServer}, one after another.
 */
public final class ServerSocket implements Session.Listener {
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    static final int SERVER_ERROR = 1011;
    /**
     * Frames queued for a client that does not read; one more closes its socket (1011), as a failed write does: the
     * client reconnects and catches up, rather than miss frames with its socket still open.
     */
    static final int MAX_QUEUED = 1_000;
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ConnectionId id;
    private final ChatServer server;
    /** A frame that could not be written closes the socket (1011): the client reconnects and catches up. */
    private final Outbox outbox = new Outbox(this::write, MAX_QUEUED, this::closeAfterFailedWrite);
    private volatile Session session;

    ServerSocket(ConnectionId id, ChatServer server) {
        this.id = id;
        this.server = server;
    }

    ConnectionId id() {
        return id;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        attach(opened);
        server.opened(this);
        opened.demand();
    }

    /** The session frames are written to. */
    void attach(Session opened) {
        this.session = opened;
    }

    @Override
    public void onWebSocketText(String frame) {
        server.frame(this, frame, () -> session.demand());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        server.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        server.closed(this);
    }

    /** Queues a frame and returns at once: delivered to the socket's queue, or why not. */
    PushResult enqueue(String frame, Executor writers) {
        Session socket = session;
        if (socket == null || !socket.isOpen()) {
            return PushResult.gone();
        }
        if (outbox.offer(frame, writers)) {
            return PushResult.delivered();
        }
        // A client this far behind misses frames from now on: closed, it reconnects and catches up instead.
        SocketClosing.closeOrDrop(socket, SERVER_ERROR, MAX_QUEUED + " frames wait for this client");
        return PushResult.failed(PushResult.Reason.THROTTLED, MAX_QUEUED + " frames wait for this client; its "
                + "socket is closed");
    }

    /** Closes the socket once what is queued for it is written: a frame pushed just before reaches the client. */
    java.util.concurrent.CompletableFuture<Void> closeAfterQueued(int status, String reason, Executor writers) {
        return SocketClosing.closeAfterQueued(outbox, () -> session, status, reason, writers);
    }

    private void closeAfterFailedWrite() {
        Session socket = session;
        if (socket != null && socket.isOpen()) {
            SocketClosing.closeOrDrop(socket, SERVER_ERROR, "a frame could not be written");
        }
    }

    private boolean write(String frame) {
        Session socket = session;
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        try {
            Callback.Completable sent = new Callback.Completable();
            socket.sendText(frame, sent);
            sent.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
