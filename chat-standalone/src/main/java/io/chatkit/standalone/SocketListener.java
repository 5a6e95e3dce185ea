package io.chatkit.standalone;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The server side of one client socket, as Jetty reports it, handed to the runtime's functions. A socket's frames
 * are read one after another: the next is read once the runtime calls the {@code readNext} it got with the last,
 * so a frame waiting its turn holds no Jetty thread and one connection's frames are handled in order.
 */
public final class SocketListener implements Session.Listener {
    private final Consumer<Session> opened;
    private final BiConsumer<String, Runnable> frame;
    private final Runnable closed;
    private final Consumer<Throwable> failed;
    private volatile Session session;

    /**
     * @param opened the socket is open (frames may be written to it from now on)
     * @param frame  a text frame, and what reads the socket's next once this one is handled
     * @param closed the socket closed, by either side
     * @param failed the socket broke
     */
    public SocketListener(Consumer<Session> opened, BiConsumer<String, Runnable> frame, Runnable closed,
                          Consumer<Throwable> failed) {
        this.opened = opened;
        this.frame = frame;
        this.closed = closed;
        this.failed = failed;
    }

    @Override
    public void onWebSocketOpen(Session opening) {
        this.session = opening;
        opened.accept(opening);
        opening.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        frame.accept(text, session::demand);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.run();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        failed.accept(cause);
    }
}
