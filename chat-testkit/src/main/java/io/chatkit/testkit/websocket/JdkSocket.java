package io.chatkit.testkit.websocket;

import java.net.URI;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** The JDK's WebSocket client: it offers no extension. */
final class JdkSocket implements ClientSocket {
    private final WebSocket socket;

    JdkSocket(WebSocket.Builder builder, URI uri, Inbound inbound) {
        try {
            this.socket = builder.buildAsync(uri, new Listener(inbound)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                throw new ChatClient.HandshakeRefused(refused.getResponse().statusCode(), refused);
            }
            throw e;
        }
    }

    @Override
    public CompletableFuture<?> sendText(String text, boolean last) {
        return socket.sendText(text, last);
    }

    @Override
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        }
    }

    @Override
    public List<String> negotiatedExtensions() {
        return List.of();
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final Inbound inbound;

        Listener(Inbound inbound) {
            this.inbound = inbound;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                inbound.messages().accept(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            inbound.closedWith().complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            inbound.closedWith().complete(-1);
        }
    }
}
