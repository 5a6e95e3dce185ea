package io.chatkit.server;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.core.port.out.Pusher;
import io.chatkit.protocol.ChatProtocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The sockets this server holds, and the {@link Pusher} that writes to them in process: a push is queued on each
 * member's socket and answered at once (no HTTP per delivery, as API Gateway's {@code @connections} needs). A
 * connection this server does not hold is {@code Gone}, and the chat forgets it; a socket whose queue is full (a
 * client that stopped reading) is {@code THROTTLED} for that push and closed, never a reason to hold up the others.
 */
final class Sockets implements Pusher {
    private final Map<ConnectionId, ServerSocket> open = new ConcurrentHashMap<>();
    private final Executor writers;

    Sockets(Executor writers) {
        this.writers = writers;
    }

    /** A socket whose handshake was accepted: pushes to it wait for it to open. */
    void accepted(ServerSocket socket) {
        open.put(socket.id(), socket);
    }

    void closed(ServerSocket socket) {
        open.remove(socket.id(), socket);
    }

    List<ServerSocket> all() {
        return List.copyOf(open.values());
    }

    @Override
    public Map<ConnectionId, PushResult> push(java.util.Collection<ConnectionId> connections,
                                              Notification notification) {
        String frame = ChatProtocol.frameOf(notification);
        Map<ConnectionId, PushResult> results = new LinkedHashMap<>();
        for (ConnectionId id : connections) {
            ServerSocket socket = open.get(id);
            if (socket == null) {
                results.put(id, PushResult.gone());
            } else {
                PushResult result = socket.enqueue(frame, writers);
                if (result instanceof PushResult.Gone) {
                    open.remove(id, socket); // closed, or never opened
                }
                results.put(id, result);
            }
        }
        return results;
    }

    /** The chat closes a connection that outlived its token. */
    @Override
    public void close(ConnectionId connection) {
        ServerSocket socket = open.remove(connection);
        if (socket != null) {
            // after what was pushed to it (the frame saying why) is written
            socket.closeAfterQueued(ServerSocket.POLICY_VIOLATION, "closed by the chat", writers);
        }
    }
}
