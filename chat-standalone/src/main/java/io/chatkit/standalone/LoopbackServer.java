package io.chatkit.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The Jetty server both standalone runtimes stand on: bound to 127.0.0.1 only, WebSocket upgrades at
 * {@code /{stage}}, every other request to the handlers given, idle sockets closed after API Gateway's 10 minutes.
 */
public final class LoopbackServer {
    /** API Gateway closes a connection idle this long; so do the runtimes. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

    private final Server server;
    private final ServerConnector connector;
    private final int requestedPort;

    /**
     * @param threadsName the name of Jetty's threads, as they show in a thread dump
     * @param maxThreads  the most threads Jetty's pool may hold
     * @param port        the port; 0 picks a free one when it starts
     */
    public LoopbackServer(String threadsName, int maxThreads, int port) {
        org.eclipse.jetty.util.thread.QueuedThreadPool threads =
                new org.eclipse.jetty.util.thread.QueuedThreadPool(maxThreads, 8);
        threads.setName(threadsName);
        this.server = new Server(threads);
        this.connector = new ServerConnector(server);
        this.requestedPort = port;
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
    }

    /** Jetty's server, for handlers that need it (the web client's files). */
    public Server jetty() {
        return server;
    }

    /**
     * Upgrades requests for {@code /{stage}} with {@code sockets}, after {@code configure} set the container's limits;
     * every other request goes to {@code others}. Wraps the whole in {@code outermost} (a size limit, the Host check).
     */
    public void serve(String stage, Consumer<ServerWebSocketContainer> configure, WebSocketCreator sockets,
                      Handler others, java.util.function.UnaryOperator<Handler> outermost) {
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            configure.accept(container);
            container.addMapping("/" + stage, sockets);
        });
        upgrades.setHandler(others);
        context.setHandler(upgrades);
        server.setHandler(outermost.apply(context));
    }

    public void start() throws Exception {
        server.start();
    }

    /** The bound port once started (before: the one asked for). */
    public int port() {
        return connector.getLocalPort() > 0 ? connector.getLocalPort() : requestedPort;
    }

    /** The address the socket is bound to: loopback only. */
    public InetSocketAddress boundAddress() {
        try {
            return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public String websocketUrl(String stage) {
        return "ws://127.0.0.1:" + port() + "/" + stage;
    }

    /** No new connections from now on; those open stay until {@link #stop()}. */
    public void stopAccepting() {
        connector.close();
    }

    public void stop() throws Exception {
        server.stop();
    }
}
