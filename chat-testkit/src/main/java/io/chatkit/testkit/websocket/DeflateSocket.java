package io.chatkit.testkit.websocket;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.ExtensionConfig;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Jetty's WebSocket client offering {@code permessage-deflate}, as browsers and Node's {@code ws} do: when the
 * server accepts, every frame it sends is compressed.
 */
final class DeflateSocket implements ClientSocket {
    /** Room for the largest message a runtime sends (128 KB) and more, so the server's limit is what is tested. */
    private static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final WebSocketClient CLIENT = startedClient();

    private final Session session;

    DeflateSocket(URI uri, Inbound inbound) {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.addExtensions("permessage-deflate");
        try {
            this.session = CLIENT.connect(new Listener(inbound), uri, request).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeException refused && refused.getResponseStatusCode() > 0) {
                throw new ChatClient.HandshakeRefused(refused.getResponseStatusCode(), refused);
            }
            throw new IllegalStateException("cannot connect to " + uri, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot connect to " + uri, e);
        }
    }

    private static WebSocketClient startedClient() {
        WebSocketClient client = new WebSocketClient();
        client.setMaxTextMessageSize(MAX_MESSAGE_BYTES);
        client.setIdleTimeout(Duration.ofMinutes(5));
        client.setStopAtShutdown(true);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start Jetty's WebSocket client", e);
        }
        return client;
    }

    @Override
    public CompletableFuture<?> sendText(String text, boolean last) {
        Callback.Completable sent = new Callback.Completable();
        session.sendPartialText(text, last, sent);
        return sent;
    }

    @Override
    public void abort() {
        session.disconnect();
    }

    @Override
    public void close() {
        if (session.isOpen()) {
            // the callback may fail with ClosedChannelException once the server's close frame has ended the
            // connection: the close handshake is done either way
            session.close(StatusCode.NORMAL, "bye", Callback.NOOP);
        }
    }

    @Override
    public List<String> negotiatedExtensions() {
        return session.getUpgradeResponse().getExtensions().stream().map(ExtensionConfig::getName).toList();
    }

    /** Whole text messages (Jetty joins a message's frames, inflated). */
    public static final class Listener implements Session.Listener.AutoDemanding {
        private final Inbound inbound;

        Listener(Inbound inbound) {
            this.inbound = inbound;
        }

        @Override
        public void onWebSocketText(String message) {
            inbound.messages().accept(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            inbound.closedWith().complete(statusCode);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            inbound.closedWith().complete(-1);
        }
    }
}
