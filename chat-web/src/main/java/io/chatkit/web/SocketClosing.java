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

    public static void closeOrDrop(Session socket, int status, String reason) {
        Callback.Completable closed = new Callback.Completable();
        socket.close(status, reason, closed);
        CompletableFuture.delayedExecutor(CLOSE_FRAME_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (!closed.isDone()) {
                socket.disconnect();
            }
        });
    }
}
