package io.chatkit.local;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;

/** What a {@code $connect} event takes from a WebSocket handshake: its query, its headers, where it came from. */
final class UpgradeRequests {
    private UpgradeRequests() {
    }

    static Map<String, String> query(ServerUpgradeRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        fields.forEach(field -> query.put(field.getName(), field.getValue()));
        return query;
    }

    static Map<String, String> headers(ServerUpgradeRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach(field -> headers.put(field.getName(), field.getValue()));
        return headers;
    }

    static String sourceIp(ServerUpgradeRequest request) {
        return request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "127.0.0.1";
    }
}
