package io.chatkit.standalone;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What both local runtimes need of this machine: a free loopback port, and threads named after their work. */
public final class Loopback {
    private Loopback() {
    }

    /** A port on 127.0.0.1 that nothing listens on right now (for {@code --port 0}). */
    public static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Daemon threads called {@code name-1}, {@code name-2}, …: a thread dump says whose they are. */
    public static ThreadFactory threadsNamed(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
