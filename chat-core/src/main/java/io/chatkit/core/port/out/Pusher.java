package io.chatkit.core.port.out;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import java.util.Collection;
import java.util.Map;

/** Sends a notification to open connections. */
public interface Pusher {

    /**
     * Pushes to every connection and reports what happened to each, one entry per distinct
     * connection. One failing connection never keeps the others from being served, and a failure is
     * an outcome in the map, not an exception.
     */
    Map<ConnectionId, PushResult> push(Collection<ConnectionId> connections, Notification notification);

    /**
     * Closes a connection at the gateway (API Gateway's {@code DeleteConnection}): its socket is closed and it gets
     * no more frames. A connection already gone is fine; a failure is logged, never thrown. A pusher that cannot
     * close sockets leaves this as is: the chat forgets the connection either way.
     */
    default void close(ConnectionId connection) {
    }
}
