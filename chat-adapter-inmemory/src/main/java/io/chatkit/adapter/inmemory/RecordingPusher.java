package io.chatkit.adapter.inmemory;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.Pusher;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A pusher that keeps what it was asked to deliver, so a test (or an embedding process) can read it.
 * Every connection gets its notifications unless told otherwise with {@link #answer}; a connection
 * marked {@link #gone} answers Gone from then on, as API Gateway does after a client vanished.
 * Thread-safe.
 */
public final class RecordingPusher implements Pusher {
    private final Map<ConnectionId, PushResult> answers = new HashMap<>();
    private final Map<ConnectionId, List<Notification>> delivered = new LinkedHashMap<>();

    public record Push(ConnectionId connection, Notification notification) {
    }

    private final List<Push> log = new ArrayList<>();
    private final List<ConnectionId> closed = new ArrayList<>();

    @Override
    public synchronized Map<ConnectionId, PushResult> push(Collection<ConnectionId> connections,
                                                           Notification notification) {
        Map<ConnectionId, PushResult> results = new LinkedHashMap<>();
        for (ConnectionId connection : new LinkedHashSet<>(connections)) {
            PushResult result = answers.getOrDefault(connection, PushResult.delivered());
            if (result instanceof PushResult.Delivered) {
                delivered.computeIfAbsent(connection, c -> new ArrayList<>()).add(notification);
                log.add(new Push(connection, notification));
            }
            results.put(connection, result);
        }
        return results;
    }

    /** Closing makes the connection gone for later pushes, as API Gateway's DeleteConnection does. */
    @Override
    public synchronized void close(ConnectionId connection) {
        closed.add(connection);
        gone(connection);
    }

    /** The connections closed through {@link #close}, in order. */
    public synchronized List<ConnectionId> closed() {
        return List.copyOf(closed);
    }

    /** From now on, pushes to this connection answer {@code result} instead of delivering. */
    public synchronized void answer(ConnectionId connection, PushResult result) {
        answers.put(connection, result);
    }

    /** From now on this connection is gone (API Gateway's 410). */
    public synchronized void gone(ConnectionId connection) {
        answer(connection, PushResult.gone());
    }

    /** Everything delivered to this connection, in order. */
    public synchronized List<Notification> deliveredTo(ConnectionId connection) {
        return List.copyOf(delivered.getOrDefault(connection, List.of()));
    }

    /** Every delivery, in order. */
    public synchronized List<Push> deliveries() {
        return List.copyOf(log);
    }

    /** Those notifications of one kind delivered to this connection. */
    public <T extends Notification> List<T> deliveredTo(ConnectionId connection, Class<T> kind) {
        return deliveredTo(connection).stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public synchronized void clear() {
        delivered.clear();
        log.clear();
    }
}
