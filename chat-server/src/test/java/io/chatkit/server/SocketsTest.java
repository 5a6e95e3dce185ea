package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.PushResult;
import io.chatkit.standalone.Logs;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * chat-server's pusher against sockets that behave as a test needs (a Jetty {@code Session} whose writes complete,
 * hang or fail): what the README says of {@code Sockets}, each case exactly.
 */
class SocketsTest {
    private final ExecutorService writers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        writers.shutdownNow();
    }

    /** A socket as Jetty would hand it: each write completes after {@code writeMillis}, or fails. */
    private static final class FakeSession {
        final List<String> written = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        final AtomicInteger writing = new AtomicInteger();
        final AtomicInteger mostWritingAtOnce = new AtomicInteger();
        /** How many frames had been written when the socket was closed. */
        final AtomicInteger writtenWhenClosed = new AtomicInteger(-1);
        volatile boolean failWrites;
        volatile long writeMillis;

        Session session() {
            return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isOpen" -> !closedWith.isDone();
                        case "sendText" -> {
                            send((String) args[0], (Callback) args[1]);
                            yield null;
                        }
                        case "close" -> {
                            if (args != null && args.length == 3) {
                                writtenWhenClosed.compareAndSet(-1, written.size());
                                closedWith.complete((Integer) args[0]);
                            }
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "fake session";
                        default -> null;
                    });
        }

        private void send(String frame, Callback callback) {
            mostWritingAtOnce.accumulateAndGet(writing.incrementAndGet(), Math::max);
            CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(writeMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                writing.decrementAndGet();
                if (failWrites) {
                    callback.fail(new java.io.IOException("broken pipe"));
                } else {
                    written.add(frame);
                    callback.succeed();
                }
            });
        }
    }

    private static ServerSocket socket(String id, FakeSession fake) {
        ServerSocket socket = new ServerSocket(ConnectionId.of(id));
        socket.attach(fake.session());
        return socket;
    }

    private static Notification notice(int n) {
        return new Notification.MessagesRead(RoomId.of("room"), UserId.of("u" + n),
                io.chatkit.core.domain.MessageId.of(Instant.ofEpochMilli(1_700_000_000_000L + n), "m" + n),
                Instant.ofEpochMilli(1_700_000_000_000L));
    }

    /** Waits until the condition holds, at most {@code time}; the assertions that follow say what was expected. */
    private static void awaitUpTo(Duration time, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + time.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Test
    void a_connection_this_server_does_not_hold_is_gone() {
        Sockets sockets = new Sockets(writers);

        assertThat(sockets.push(List.of(ConnectionId.of("elsewhere=")), notice(1)))
                .containsExactly(Map.entry(ConnectionId.of("elsewhere="), PushResult.gone()));
    }

    @Test
    void frames_go_out_one_at_a_time_in_the_order_they_were_pushed() throws Exception {
        FakeSession fake = new FakeSession();
        fake.writeMillis = 2;
        Sockets sockets = new Sockets(writers);
        sockets.accepted(socket("c1=", fake));

        for (int i = 0; i < 100; i++) {
            assertThat(sockets.push(List.of(ConnectionId.of("c1=")), notice(i)).get(ConnectionId.of("c1=")))
                    .isEqualTo(PushResult.delivered());
        }
        awaitUpTo(Duration.ofSeconds(5), () -> fake.written.size() >= 100);

        assertThat(fake.written).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(fake.written.get(i)).as("frame %d", i).contains("\"userId\":\"u" + i + "\"");
        }
        assertThat(fake.mostWritingAtOnce.get()).as("never two writes at once").isEqualTo(1);
    }

    @Test
    void a_frame_pushed_after_the_handshake_was_accepted_but_before_the_socket_opened_waits_for_it_in_order()
            throws Exception {
        FakeSession fake = new FakeSession();
        Sockets sockets = new Sockets(writers);
        ServerSocket early = new ServerSocket(ConnectionId.of("early="));
        sockets.accepted(early); // the client has its 101 and pushes through another socket; Jetty has not opened it

        assertThat(sockets.push(List.of(early.id()), notice(1)).get(early.id())).as("not gone: it is opening")
                .isEqualTo(PushResult.delivered());
        early.attach(fake.session());
        sockets.push(List.of(early.id()), notice(2));
        awaitUpTo(Duration.ofSeconds(5), () -> fake.written.size() >= 2);

        assertThat(fake.written).hasSize(2);
        assertThat(fake.written.get(0)).contains("\"userId\":\"u1\"");
        assertThat(fake.written.get(1)).contains("\"userId\":\"u2\"");
    }

    @Test
    void the_1001st_frame_waiting_for_a_client_that_does_not_read_is_throttled_and_closes_its_socket() {
        FakeSession fake = new FakeSession();
        Sockets sockets = new Sockets(task -> { }); // no writer ever runs: every frame waits
        sockets.accepted(socket("slow=", fake));
        ConnectionId slow = ConnectionId.of("slow=");

        for (int i = 0; i < ServerSocket.MAX_QUEUED; i++) {
            assertThat(sockets.push(List.of(slow), notice(i)).get(slow)).as("frame %d", i + 1)
                    .isEqualTo(PushResult.delivered());
        }
        assertThat(fake.closedWith).as("1,000 waiting: still open").isNotDone();
        PushResult refused = sockets.push(List.of(slow), notice(1_000)).get(slow);

        assertThat(refused).isInstanceOfSatisfying(PushResult.Failed.class,
                failed -> assertThat(failed.reason()).isEqualTo(PushResult.Reason.THROTTLED));
        assertThat(fake.closedWith).as("closed: the client reconnects and catches up").isCompletedWithValue(1011);
        assertThat(sockets.push(List.of(slow), notice(1_001)).get(slow)).isEqualTo(PushResult.gone());
    }

    @Test
    void a_frame_that_cannot_be_written_closes_the_socket_with_1011() throws Exception {
        FakeSession fake = new FakeSession();
        fake.failWrites = true;
        Sockets sockets = new Sockets(writers);
        sockets.accepted(socket("broken=", fake));

        sockets.push(List.of(ConnectionId.of("broken=")), notice(1));

        assertThat(fake.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1011);
    }

    @Test
    void shutting_down_writes_every_frame_still_waiting_for_a_slow_socket_then_closes_it_with_1001() throws Exception {
        ChatServer server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0).withLogs(Logs.NONE));
        FakeSession fake = new FakeSession();
        fake.writeMillis = 20;
        ServerSocket slow = new ServerSocket(ConnectionId.of("slow="));
        server.listenerFor(slow).onWebSocketOpen(fake.session());
        for (int i = 0; i < 20; i++) {
            assertThat(slow.enqueue("frame " + i, writers)).isEqualTo(PushResult.delivered());
        }

        server.close(); // about 400 ms of writes still wait

        assertThat(fake.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
        assertThat(fake.writtenWhenClosed.get()).as("frames written before the close").isEqualTo(20);
        assertThat(fake.written).extracting(frame -> frame).startsWith("frame 0").endsWith("frame 19");
    }

    @Test
    void closing_a_connection_that_outlived_its_token_closes_its_socket_with_1008_and_forgets_it() throws Exception {
        FakeSession fake = new FakeSession();
        Sockets sockets = new Sockets(writers);
        sockets.accepted(socket("expired=", fake));

        sockets.close(ConnectionId.of("expired="));

        assertThat(fake.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(sockets.push(List.of(ConnectionId.of("expired=")), notice(1)))
                .containsExactly(Map.entry(ConnectionId.of("expired="), PushResult.gone()));
    }
}
