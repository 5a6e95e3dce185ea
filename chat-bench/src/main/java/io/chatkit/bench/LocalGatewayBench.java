package io.chatkit.bench;

import io.chatkit.local.LocalChat;
import io.chatkit.server.ChatServer;
import io.chatkit.server.ServerOptions;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.testkit.websocket.ChatEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 5. The local gateway over real WebSockets: clients in rooms, every client sending its next message as
 * soon as its previous one came back to it (a closed loop, so latency is service time, not a queue),
 * each message delivered to every member's socket; throughput and send-to-delivery latency.
 */
final class LocalGatewayBench {
    private static final Pattern SENT_AT = Pattern.compile("t=(\\d+)");
    private static final Pattern ROOM = Pattern.compile("\"chatRoomId\":\"([^\"]+)\"");

    private LocalGatewayBench() {
    }

    static ResultTable run(int clients, int rooms, int messagesPerClient) throws Exception {
        return run(clients, rooms, messagesPerClient, false);
    }

    /**
     * With {@code burst}, every client sends all its messages at once, without waiting for its own to come back:
     * the load that once made the gateway run a thread per frame and deliver frames twice.
     */
    static ResultTable run(int clients, int rooms, int messagesPerClient, boolean burst) throws Exception {
        return run(Runtime.LOCAL, clients, rooms, messagesPerClient, burst);
    }

    /** Which runtime carries the frames: the local API Gateway with the Lambda handler, or the embedded server. */
    enum Runtime { LOCAL, SERVER }

    static ResultTable run(Runtime runtime, int clients, int rooms, int messagesPerClient, boolean burst) throws Exception {
        try (Started running = start(runtime)) {
            return run(running.endpoint(), (runtime == Runtime.LOCAL ? "Local gateway" : "Embedded server (chat-server)")
                    + " over WebSockets" + (burst ? ", a burst: every message sent at once" : ""),
                    runtime == Runtime.LOCAL ? LOCAL_NOTE : SERVER_NOTE, clients, rooms, messagesPerClient, burst);
        }
    }

    /**
     * The burst against {@code java -jar chat-local.jar} as a user starts it, in its own JVM (limits out of reach
     * by its flags), warmed by one burst first: the second is measured.
     */
    static ResultTable burstOnTheJar(Path jar, int clients, int rooms, int messagesPerClient) throws Exception {
        try (RunningGateway gateway = RunningGateway.start(jar)) {
            String title = "java -jar chat-local.jar (its own JVM) over WebSockets, a burst after a warm-up burst";
            run(gateway.endpoint(), title, LOCAL_NOTE, clients, rooms, messagesPerClient, true);
            return run(gateway.endpoint(), title, LOCAL_NOTE + " The gateway runs in its own JVM, as "
                    + "`java -jar chat-local/target/chat-local.jar` on the JDK running the bench; the clients in the "
                    + "bench's.",
                    clients, rooms, messagesPerClient, true);
        }
    }

    private static final String LOCAL_NOTE = "Every message goes through the unchanged Lambda handler (in-memory "
            + "stores) and is pushed through the real SDK client over HTTP to the gateway's own @connections, then to "
            + "each member's socket. Bounded by: that HTTP round trip per delivery, all on 2 cores with the clients "
            + "in the same machine.";
    private static final String SERVER_NOTE = "Every message goes from the socket straight to the protocol "
            + "(in-memory stores) and is written to each member's socket by the server's own Pusher: no HTTP per "
            + "delivery. Bounded by: the clients and the server sharing 2 cores.";

    private static ResultTable run(ChatEndpoint gateway, String title, String note, int clients, int rooms,
                             int messagesPerClient, boolean burst) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        int perRoom = clients / rooms;
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger deliveries = new AtomicInteger();
        int expected = clients * messagesPerClient * perRoom;
        CountDownLatch allDelivered = new CountDownLatch(expected);
        List<Client> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            all.add(new Client(http, gateway, "user" + i, latencies, deliveries, allDelivered));
        }
        List<String> roomIds = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            Client creator = all.get(r * perRoom);
            StringBuilder others = new StringBuilder();
            for (int m = 1; m < perRoom; m++) {
                others.append(m > 1 ? "," : "").append("\"user").append(r * perRoom + m).append('"');
            }
            roomIds.add(creator.request("{\"action\":\"createRoom\",\"participantIds\":[" + others + "]}"));
        }
        TimeUnit.MILLISECONDS.sleep(300);
        all.forEach(Client::startCounting);
        long started = System.nanoTime();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = all.get(i);
            String room = roomIds.get(i / perRoom);
            senders.add(CompletableFuture.runAsync(() -> {
                for (int k = 0; k < messagesPerClient; k++) {
                    client.send("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"t="
                            + System.nanoTime() + " from " + client.user + "\"}");
                    if (!burst) {
                        client.awaitOwnEcho();
                    }
                }
            }, pool));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        if (!allDelivered.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + deliveries.get() + " of " + expected + " delivered");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        all.forEach(Client::close);
        List<Double> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int sent = clients * messagesPerClient;
        return new ResultTable(title, "clients", "rooms", "messages sent", "deliveries",
                "messages/s", "deliveries/s", "p50 delivery", "p99 delivery", "counted")
                .row(clients, rooms, sent, deliveries.get(), ResultTable.perSecond(sent / seconds),
                        ResultTable.perSecond(deliveries.get() / seconds), ResultTable.ms(ResultTable.percentile(sorted, 50)),
                        ResultTable.ms(ResultTable.percentile(sorted, 99)), deliveries.get() + " of " + expected)
                .note(note);
    }

    private record Started(ChatEndpoint endpoint, AutoCloseable runtime) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            runtime.close();
        }
    }

    private static Started start(Runtime runtime) throws Exception {
        if (runtime == Runtime.LOCAL) {
            RuntimeOptions defaults = RuntimeOptions.defaults();
            LocalChat chat = LocalChat.start(defaults.withPort(0).withLogs(Logs.NONE).withLimits(Fixtures.LIMITS_OUT_OF_REACH)
                    .withConcurrency(Integer.getInteger("chatkit.bench.concurrency", defaults.concurrency())));
            return new Started(new ChatEndpoint(chat.gateway().httpUrl(), chat.gateway().websocketUrl()), chat);
        }
        ChatServer server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0).withLimits(Fixtures.LIMITS_OUT_OF_REACH)
                .withLogs(Logs.NONE));
        return new Started(new ChatEndpoint(server.httpUrl(), server.websocketUrl()), server);
    }

    private static final class Client implements WebSocket.Listener {
        private final WebSocket socket;
        private final String user;
        private final java.util.concurrent.Semaphore ownEcho = new java.util.concurrent.Semaphore(0);
        private final ConcurrentLinkedQueue<Double> latencies;
        private final AtomicInteger deliveries;
        private final CountDownLatch allDelivered;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean counting;
        private volatile CompletableFuture<String> reply = new CompletableFuture<>();

        Client(HttpClient http, ChatEndpoint gateway, String user, ConcurrentLinkedQueue<Double> latencies,
               AtomicInteger deliveries, CountDownLatch allDelivered) throws Exception {
            this.user = user;
            this.latencies = latencies;
            this.deliveries = deliveries;
            this.allDelivered = allDelivered;
            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(gateway.httpUrl() + "dev/token"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String value = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
            socket = http.newWebSocketBuilder().buildAsync(URI.create(gateway.websocketUrl() + "?token=" + value), this)
                    .get(10, TimeUnit.SECONDS);
        }

        String request(String frame) throws Exception {
            reply = new CompletableFuture<>();
            send(frame);
            Matcher room = ROOM.matcher(reply.get(10, TimeUnit.SECONDS));
            room.find();
            return room.group(1);
        }

        synchronized void send(String frame) {
            socket.sendText(frame, true).join();
        }

        void awaitOwnEcho() {
            try {
                if (!ownEcho.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(user + " never got its own message back");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void startCounting() {
            counting = true;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"requestId\"") || frame.contains("\"type\":\"roomCreated\",\"data\"")
                        && !counting) {
                    reply.complete(frame);
                } else if (counting && (frame.startsWith("{\"type\":\"message\"")
                        || frame.startsWith("{\"type\":\"sent\""))) { // the sender's copy is its reply
                    Matcher sentAt = SENT_AT.matcher(frame);
                    if (sentAt.find()) {
                        latencies.add((System.nanoTime() - Long.parseLong(sentAt.group(1))) / 1e6);
                        deliveries.incrementAndGet();
                        allDelivered.countDown();
                    }
                    if (frame.contains(" from " + user + "\"")) {
                        ownEcho.release();
                    }
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
