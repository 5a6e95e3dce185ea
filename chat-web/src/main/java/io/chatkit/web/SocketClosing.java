package io.chatkit.web;

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
     * Waits until the close frames are out, at most {@link #CLOSE_FRAME_WAIT}: a server about to stop gives its
     * clients the close status rather than a dropped connection.
     */
    public static void awaitClosed(java.util.List<CompletableFuture<Void>> closing) throws InterruptedException {
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(CLOSE_FRAME_WAIT.toMillis(), TimeUnit.MILLISECONDS);
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
