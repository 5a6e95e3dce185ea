package io.chatkit.standalone;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Closing a socket whose client may have stopped reading. The close frame waits behind whatever the client has not
 * read, so a client that reads nothing would never get it and the socket would stay open, taking pushes that never
 * arrive: when the close frame is not out within {@link #CLOSE_FRAME_WAIT}, the connection is dropped. Either way the
 * client sees its socket end, reconnects and catches up.
 */
public final class SocketClosing {
    public static final Duration CLOSE_FRAME_WAIT = Duration.ofSeconds(2);

    private SocketClosing() {
    }

    /** Closes with {@code status}; done once the close frame is out (or failed to go). */
    public static CompletableFuture<Void> close(Session socket, int status, String reason) {
        Callback.Completable closed = new Callback.Completable();
        socket.close(status, reason, closed);
        return closed;
    }

    /**
     * Closes with {@code status} once every message queued in {@code outbox} before now is written: what was posted
     * to a connection before it was closed still reaches the client (as API Gateway delivers posts made before a
     * {@code DeleteConnection}). Done once the close frame is out, or at once if the socket is closed already.
     */
    public static CompletableFuture<Void> closeAfterQueued(Outbox outbox, java.util.function.Supplier<Session> socket,
                                                           int status, String reason, java.util.concurrent.Executor writers) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        outbox.then(() -> {
            Session open = socket.get();
            if (open == null || !open.isOpen()) {
                closed.complete(null);
                return;
            }
            close(open, status, reason).whenComplete((ok, failed) -> closed.complete(null));
        }, writers);
        return closed;
    }

    /**
     * Waits until the closes are done, at most {@code wait}: a server about to stop gives its clients what was queued
     * and the close status, rather than a dropped connection. Sockets close side by side, so a client that reads
     * nothing holds up no other.
     */
    public static void awaitClosed(java.util.List<CompletableFuture<Void>> closing, Duration wait)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notAll) {
            // a client that reads nothing, or a connection already broken: it will see the connection end
        }
    }

    public static void closeOrDrop(Session socket, int status, String reason) {
        CompletableFuture<Void> closed = close(socket, status, reason);
        CompletableFuture.delayedExecutor(CLOSE_FRAME_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.isDone()) {
                socket.disconnect();
            }
        });
    }
}
