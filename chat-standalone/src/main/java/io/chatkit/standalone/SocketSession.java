package io.chatkit.standalone;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One client socket's writing side: its Jetty session and its {@link Outbox}. Whoever queues a message returns at
 * once; one task at a time writes the queue in order, so messages never interleave and a slow client holds up only
 * itself. A client that does not read, or a message that cannot be written, closes the socket (1011): the client
 * reconnects and catches up instead of missing messages with its socket open.
 *
 * <p>A socket exists from the moment its handshake is accepted, as an API Gateway connection exists once
 * {@code $connect} answered: the client may see its socket open before the server does, and a message pushed in
 * between waits and is written once the socket opens (one that never opens within {@link #OPEN_WAIT} is closed).
 */
public final class SocketSession {
    /** Messages that may wait for a client that does not read; one more closes its socket. */
    public static final int MAX_QUEUED = 1_000;
    /** How long an accepted handshake may take to open its socket before messages for it are refused as gone. */
    public static final Duration OPEN_WAIT = Duration.ofSeconds(10);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    /** What became of a message offered to the socket. */
    public enum Queued {
        QUEUED,
        /** The socket is closed, or not open yet. */
        CLOSED,
        /** {@link #MAX_QUEUED} messages waited already: the socket is being closed. */
        FULL
    }

    private final int charsPerFrame;
    private final Outbox outbox = new Outbox(this::write, MAX_QUEUED, this::closeAfterFailedWrite);
    private final long acceptedAt = System.nanoTime();
    /** Guards the time before the socket opens: what was queued and asked for then, taken over when it opens. */
    private final Object opening = new Object();
    private final List<String> beforeOpen = new ArrayList<>();
    private Executor writersBeforeOpen;
    private Runnable closeBeforeOpen;
    private volatile Session session;

    /**
     * @param charsPerFrame the most chars of a message in one WebSocket frame (the rest follow as continuation frames,
     *                      never splitting a surrogate pair); {@link Integer#MAX_VALUE} sends each message whole
     */
    public SocketSession(int charsPerFrame) {
        this.charsPerFrame = charsPerFrame;
    }

    /** The socket opened: what was queued before is written first, then everything queued from now on. */
    public void attach(Session opened) {
        synchronized (opening) {
            this.session = opened;
            for (String message : beforeOpen) {
                outbox.offer(message, writersBeforeOpen);
            }
            beforeOpen.clear();
            if (closeBeforeOpen != null) {
                closeBeforeOpen.run();
            }
        }
    }

    /** The socket, or null before it opened. */
    public Session session() {
        return session;
    }

    /** Queues a message and returns at once (before the socket opens, it waits for it). */
    public Queued enqueue(String message, Executor writers) {
        Session socket;
        synchronized (opening) {
            socket = session;
            if (socket == null) {
                return waitForOpen(message, writers);
            }
        }
        if (!socket.isOpen()) {
            return Queued.CLOSED;
        }
        if (outbox.offer(message, writers)) {
            return Queued.QUEUED;
        }
        SocketClosing.closeOrDrop(socket, StatusCode.SERVER_ERROR, MAX_QUEUED + " messages wait for this client");
        return Queued.FULL;
    }

    /** Closes the socket once what is queued for it is written: a message queued just before reaches the client. */
    public CompletableFuture<Void> closeAfterQueued(int status, String reason, Executor writers) {
        synchronized (opening) {
            if (session == null) {
                // asked before the socket opened: it is closed as it opens, after what was queued before
                CompletableFuture<Void> closed = new CompletableFuture<>();
                closeBeforeOpen = () -> SocketClosing.closeAfterQueued(outbox, () -> session, status, reason, writers)
                        .whenComplete((done, failed) -> closed.complete(null));
                return closed.completeOnTimeout(null, OPEN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return SocketClosing.closeAfterQueued(outbox, () -> session, status, reason, writers);
    }

    private Queued waitForOpen(String message, Executor writers) {
        if (closeBeforeOpen != null || System.nanoTime() - acceptedAt > OPEN_WAIT.toNanos()) {
            return Queued.CLOSED;
        }
        if (beforeOpen.size() >= MAX_QUEUED) {
            closeBeforeOpen = () -> SocketClosing.closeOrDrop(session, StatusCode.SERVER_ERROR,
                    MAX_QUEUED + " messages wait for this client");
            return Queued.FULL;
        }
        beforeOpen.add(message);
        writersBeforeOpen = writers;
        return Queued.QUEUED;
    }

    private void closeAfterFailedWrite() {
        Session socket = session;
        if (socket != null && socket.isOpen()) {
            SocketClosing.closeOrDrop(socket, StatusCode.SERVER_ERROR, "a message could not be written");
        }
    }

    /** Writes one message, in frames of at most {@link #charsPerFrame} chars; whether the socket took it in time. */
    private boolean write(String message) {
        Session socket = session;
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        try {
            int start = 0;
            do {
                int end = (int) Math.min(message.length(), (long) start + charsPerFrame);
                if (end < message.length() && Character.isHighSurrogate(message.charAt(end - 1))) {
                    end--; // never split a surrogate pair across frames
                }
                Callback.Completable sent = new Callback.Completable();
                if (start == 0 && end == message.length()) {
                    socket.sendText(message, sent);
                } else {
                    socket.sendPartialText(message.substring(start, end), end == message.length(), sent);
                }
                sent.get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
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
}
