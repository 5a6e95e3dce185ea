package io.chatkit.local;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The stage's Management API, as the SDK's {@code ApiGatewayManagementApiClient} expects it:
 * {@code POST} sends the body to the socket as one frame, {@code GET} describes the connection,
 * {@code DELETE} closes it. Unknown ids get 410 with {@code x-amzn-ErrorType: GoneException}.
 */
final class ManagementApiHandler extends Handler.Abstract {
    private final String prefix;
    private final OpenConnections connections;

    ManagementApiHandler(String stage, OpenConnections connections) {
        this.prefix = "/" + stage + "/@connections/";
        this.connections = connections;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.startsWith(prefix)) {
            return false;
        }
        String id = path.substring(prefix.length());
        switch (request.getMethod()) {
            case "POST" -> post(request, response, callback, id);
            case "GET" -> get(response, callback, id);
            case "DELETE" -> delete(response, callback, id);
            default -> answer(response, callback, 405, "MethodNotAllowedException", "use POST, GET or DELETE");
        }
        return true;
    }

    private void post(Request request, Response response, Callback callback, String id) throws Exception {
        String frame = Content.Source.asString(request, StandardCharsets.UTF_8);
        if (frame.getBytes(StandardCharsets.UTF_8).length > LocalGateway.MAX_MESSAGE_BYTES) {
            answer(response, callback, 413, "PayloadTooLargeException", "Message too long");
            return;
        }
        LocalConnection connection = connections.find(id).orElse(null);
        if (connection == null || !connections.post(connection, frame)) {
            gone(response, callback);
            return;
        }
        answer(response, callback, 200, null, null);
    }

    private void get(Response response, Callback callback, String id) {
        connections.find(id).ifPresentOrElse(connection -> answer(response, callback, 200, null,
                "{\"connectedAt\":\"" + java.time.Instant.ofEpochMilli(connection.connectedAt)
                        + "\",\"lastActiveAt\":\"" + connection.lastActiveAt()
                        + "\",\"identity\":{\"sourceIp\":\"" + connection.sourceIp + "\",\"userAgent\":\""
                        + (connection.userAgent == null ? "" : connection.userAgent.replace("\"", "'")) + "\"}}"),
                () -> gone(response, callback));
    }

    private void delete(Response response, Callback callback, String id) {
        if (connections.delete(id)) {
            answer(response, callback, 204, null, null);
        } else {
            gone(response, callback);
        }
    }

    private static void gone(Response response, Callback callback) {
        answer(response, callback, 410, "GoneException", "The connection no longer exists");
    }

    private static void answer(Response response, Callback callback, int status, String errorType, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        if (errorType != null) {
            response.getHeaders().put("x-amzn-ErrorType", errorType);
            body = "{\"message\":\"" + body + "\"}";
        }
        if (body == null) {
            callback.succeeded();
            return;
        }
        Content.Sink.write(response, true, body, callback);
    }
}
