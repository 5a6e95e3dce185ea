package io.chatkit.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of a server that counts the connections clients open through it: how to see
 * whether an HTTP client reuses its connections (on AWS each new one is a TLS handshake). Bytes pass unchanged.
 */
public final class CountingTcpProxy implements AutoCloseable {
    private final ServerSocket listening;
    private final InetSocketAddress target;
    private final AtomicInteger opened = new AtomicInteger();

    private CountingTcpProxy(ServerSocket listening, InetSocketAddress target) {
        this.listening = listening;
        this.target = target;
    }

    /** Relays a free loopback port to the host and port of {@code server}. */
    public static CountingTcpProxy inFrontOf(URI server) {
        try {
            ServerSocket listening = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            CountingTcpProxy proxy = new CountingTcpProxy(listening,
                    new InetSocketAddress(server.getHost(), server.getPort()));
            daemon("tcp-proxy-accept", proxy::accept).start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback", e);
        }
    }

    /** {@code server} with its host and port replaced by this relay's. */
    public URI relayed(URI server) {
        return URI.create(server.getScheme() + "://127.0.0.1:" + listening.getLocalPort()
                + (server.getRawPath() == null ? "" : server.getRawPath()));
    }

    /** Connections opened through the relay so far. */
    public int connectionsOpened() {
        return opened.get();
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                opened.incrementAndGet();
                Socket upstream = new Socket(target.getHostString(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                daemon("tcp-proxy-up", () -> pump(client, upstream)).start();
                daemon("tcp-proxy-down", () -> pump(upstream, client)).start();
            } catch (IOException closedOrRefused) {
                // closed: the loop ends; a refused upstream: that client sees its connection drop
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException ended) {
            // one side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
