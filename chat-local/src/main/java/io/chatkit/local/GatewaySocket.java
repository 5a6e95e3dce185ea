package io.chatkit.local;

import org.eclipse.jetty.websocket.api.Session;

/**
 * The server side of one client socket. Frames of one connection are handled one after another on
 * the gateway's executor (the next frame is demanded when the previous one is done), so Jetty's
 * threads stay free for the {@code @connections} posts the handler makes meanwhile.
 * Public because Jetty instantiates listeners reflectively.
 */
public final class GatewaySocket implements Session.Listener {
    private final LocalGateway gateway;
    private final LocalConnection connection;

    GatewaySocket(LocalGateway gateway, LocalConnection connection) {
        this.gateway = gateway;
        this.connection = connection;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        connection.opened(session);
        gateway.opened(connection);
        session.demand();
    }

    @Override
    public void onWebSocketText(String message) {
        gateway.route(connection, message, () -> connection.session().demand());
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        gateway.closed(connection);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gateway.failed(connection, cause);
    }
}
