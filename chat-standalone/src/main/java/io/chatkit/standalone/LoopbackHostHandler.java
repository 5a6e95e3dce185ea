package io.chatkit.standalone;

import java.util.Set;
import java.util.function.IntSupplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers only requests addressed to this machine by name: {@code Host: 127.0.0.1:{port}} or
 * {@code localhost:{port}}. A page on another origin can reach a loopback server through DNS rebinding (its own
 * name resolving to 127.0.0.1), but its requests then carry its own name as {@code Host}: they get 421. So does a
 * request a proxy forwarded ({@code Forwarded} or any {@code X-Forwarded-*} header): a reverse proxy on the same
 * host sends {@code Host: 127.0.0.1:{port}} too, and would put the dev identity on the network.
 */
public final class LoopbackHostHandler extends Handler.Wrapper {
    public static final int MISDIRECTED_REQUEST = 421;

    private final IntSupplier port;

    public LoopbackHostHandler(IntSupplier port, Handler handler) {
        super(handler);
        this.port = port;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            host = request.getHttpURI().getAuthority();
        }
        if (!allowed().contains(host)) {
            Response.writeError(request, response, callback, MISDIRECTED_REQUEST,
                    "this server answers only Host 127.0.0.1:" + port.getAsInt() + " or localhost:" + port.getAsInt());
            return true;
        }
        if (forwarded(request)) {
            Response.writeError(request, response, callback, MISDIRECTED_REQUEST,
                    "this server answers only requests made on this machine, not forwarded by a proxy "
                            + "(Forwarded, X-Forwarded-*): it is for local use only");
            return true;
        }
        return super.handle(request, response, callback);
    }

    private static boolean forwarded(Request request) {
        return request.getHeaders().stream().map(field -> field.getName().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(name -> name.equals("forwarded") || name.startsWith("x-forwarded-"));
    }

    private Set<String> allowed() {
        int p = port.getAsInt();
        return p == 80 ? Set.of("127.0.0.1:80", "localhost:80", "127.0.0.1", "localhost")
                : Set.of("127.0.0.1:" + p, "localhost:" + p);
    }
}
