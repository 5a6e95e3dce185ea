package io.chatkit.local;

import io.chatkit.standalone.Loopback;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The stage's open connections, as the Management API reaches them: a post is queued on the socket and answered at
 * once, a delete closes the socket after what was posted before. Each socket's queue has its writer on a shared pool,
 * so a slow socket holds up nobody else.
 */
final class OpenConnections {
    private final Map<String, LocalConnection> open = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newCachedThreadPool(Loopback.threadsNamed("local-gateway-writer"));

    /** A connection whose {@code $connect} succeeded: posts to it wait for its socket to open. */
    void accepted(LocalConnection connection) {
        open.put(connection.id, connection);
    }

    /** Gone from the stage: a post or a GET answers 410 from now on. */
    void closed(LocalConnection connection) {
        open.remove(connection.id, connection);
    }

    Set<String> ids() {
        return Set.copyOf(open.keySet());
    }

    Optional<LocalConnection> find(String id) {
        return Optional.ofNullable(open.get(id));
    }

    /** A post to {@code @connections}: queued on the socket and answered at once; false if the socket is gone. */
    boolean post(LocalConnection connection, String frame) {
        if (connection.enqueue(frame, writers)) {
            return true;
        }
        open.remove(connection.id, connection); // closed, or never opened
        return false;
    }

    /**
     * The Management API's DELETE: the connection is gone at once (a GET or POST right after answers 410, as on
     * API Gateway), the server closes the socket once what was posted before is written, and $disconnect follows.
     */
    boolean delete(String id) {
        LocalConnection connection = open.remove(id);
        if (connection == null) {
            return false;
        }
        connection.closeAfterQueued(StatusCode.NORMAL, "closed by the server", writers);
        return true;
    }

    /** The socket is cut and no event follows, as when a client vanishes and {@code $disconnect} never comes. */
    void lose(String id) {
        LocalConnection connection = open.remove(id);
        if (connection != null) {
            connection.claimDisconnect();
            if (connection.session() != null) {
                connection.session().disconnect();
            }
        }
    }

    /** Every open connection, taken off the stage: for closing them all. */
    List<LocalConnection> takeAll() {
        List<LocalConnection> all = new ArrayList<>();
        for (String id : ids()) {
            LocalConnection connection = open.remove(id);
            if (connection != null) {
                all.add(connection);
            }
        }
        return all;
    }

    ExecutorService writers() {
        return writers;
    }

    void stopWriting() throws InterruptedException {
        writers.shutdown();
        writers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
