package io.chatkit.web;

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
 * name resolving to 127.0.0.1), but its requests then carry its own name as {@code Host}: they get 421.
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
        return super.handle(request, response, callback);
    }

    private Set<String> allowed() {
        int p = port.getAsInt();
        return p == 80 ? Set.of("127.0.0.1:80", "localhost:80", "127.0.0.1", "localhost")
                : Set.of("127.0.0.1:" + p, "localhost:" + p);
    }
}
