package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.websocket.ChatClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link ChatRuntimeContract}, under load and at shutdown: bursts of clients, slow readers, a graceful stop. */
public abstract class RuntimeUnderLoadContract extends LiveSignalsContract {
    /**
     * 100 clients in 10 rooms of 10, each sending 5 messages at once: every member gets every message of its room,
     * once. Counted per client, not timed.
     */
    @Test
    void a_burst_of_100_clients_sending_5_messages_at_once_reaches_every_member_exactly_once() throws Exception {
        List<ChatClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(signIn("burst" + i));
            }
            List<String> rooms = new ArrayList<>();
            for (int r = 0; r < 10; r++) {
                StringBuilder others = new StringBuilder();
                for (int m = 1; m < 10; m++) {
                    others.append(m > 1 ? "," : "").append("\"burst").append(r * 10 + m).append('"');
                }
                rooms.add(clients.get(r * 10).request("{\"action\":\"createRoom\",\"participantIds\":[" + others
                        + "]}").at("/data/chatRoomId").asText());
            }
            ExecutorService senders = Executors.newFixedThreadPool(100);
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 100; i++) {
                ChatClient client = clients.get(i);
                String room = rooms.get(i / 10);
                int sender = i;
                senders.execute(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    for (int k = 0; k < 5; k++) {
                        client.sendRaw("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                                + "\",\"content\":\"burst " + k + " from " + sender + "\"}");
                    }
                });
            }
            go.countDown();
            senders.shutdown();

            for (int i = 0; i < 100; i++) {
                List<JsonNode> messages = clients.get(i).collect(USER_MESSAGE, 50, Duration.ofSeconds(90));
                assertThat(messages).as("client %d: the 50 messages of its room", i).hasSize(50);
                assertThat(messages.stream().map(frame -> frame.at("/data/messageId").asText()).distinct())
                        .as("client %d: none twice", i).hasSize(50);
                String ownRoom = rooms.get(i / 10);
                assertThat(messages).allSatisfy(frame ->
                        assertThat(frame.at("/data/chatRoomId").asText()).isEqualTo(ownRoom));
            }
            // No duplicate came before a marker: two members of each room send one more message each, answered
            // after it was pushed, and the next message every client gets must be a marker (each socket gets its
            // pushes in order; the senders' replies are claimed by request, so each client gets a marker pushed).
            for (int r = 0; r < 10; r++) {
                for (int sender : new int[] {r * 10, r * 10 + 1}) {
                    clients.get(sender).request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + rooms.get(r)
                            + "\",\"content\":\"marker from " + sender + "\"}");
                }
            }
            for (int i = 0; i < 100; i++) {
                assertThat(clients.get(i).collect(USER_MESSAGE, 1, Duration.ofSeconds(30)))
                        .as("client %d: the next message is a marker, not a duplicate", i).singleElement()
                        .satisfies(next -> assertThat(next.at("/data/content").asText()).startsWith("marker from "));
            }
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    /**
     * A reader that stopped reading has 400 messages (8 MB, 4 MB deflated: more than a loopback connection's buffers
     * hold, about 3 MB) waiting when the runtime is stopped: all are written before its socket closes going away.
     */
    @Test
    void shutting_down_writes_every_frame_waiting_for_a_slow_reader_then_closes_it_going_away() throws Exception {
        int senders = 10;
        int each = 40;
        ChatClient bob = signIn("bob");
        List<ChatClient> talkers = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            talkers.add(signIn("talker" + i));
        }
        String room = talkers.get(0).request("{\"action\":\"createRoom\",\"name\":\"busy\",\"participantIds\":[\"bob\""
                        + ",\"talker1\",\"talker2\",\"talker3\",\"talker4\",\"talker5\",\"talker6\",\"talker7\""
                        + ",\"talker8\",\"talker9\"]}").at("/data/chatRoomId").asText();
        bob.awaitPush("roomCreated");
        bob.holdReading();
        ExecutorService side = Executors.newFixedThreadPool(senders);
        try { // side by side, so that the reader is held for less than a runtime's write timeout (10 s)
            List<Future<?>> sending = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                ChatClient talker = talkers.get(t);
                Random random = new Random(t);
                sending.add(side.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        // characters deflate cannot shrink much: the compressed run backs up as far as the plain one
                        String content = random.ints(5_000, 0x20000, 0x2A6E0).collect(StringBuilder::new,
                                StringBuilder::appendCodePoint, StringBuilder::append).toString();
                        JsonNode sent = talker.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                                + "\",\"content\":\"" + content + "\"}");
                        assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
                    }
                    return null;
                }));
            }
            for (Future<?> sent : sending) {
                sent.get(30, TimeUnit.SECONDS);
            }
        } finally {
            side.shutdownNow();
        }

        Thread stopping = new Thread(() -> {
            try {
                stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "stopping");
        stopping.start();
        // The talkers have nothing waiting: their sockets close going away at once. By then a shutdown that dropped
        // what waits for the reader, instead of writing it, has dropped it; one that writes still holds it.
        assertThat(talkers.get(0).closedWith.get(10, TimeUnit.SECONDS)).as("an idle socket, closed at once")
                .isEqualTo(1001);
        bob.resumeReading();

        assertThat(bob.collect(frame -> frame.path("type").asText().equals("message"), senders * each,
                Duration.ofSeconds(30))).as("every message accepted before the shutdown").hasSize(senders * each);
        assertThat(bob.closedWith.get(10, TimeUnit.SECONDS)).as("then 1001: going away").isEqualTo(1001);
        stopping.join(TimeUnit.SECONDS.toMillis(30));
        talkers.forEach(ChatClient::close);
        endpoint = start(); // for the @AfterEach
    }

    @Test
    void shutting_down_flushes_what_was_sent_and_closes_every_socket_going_away() throws Exception {
        ChatClient alice = signIn("alice");
        ChatClient bob = signIn("bob");
        String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                .at("/data/chatRoomId").asText();
        alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"last words\"}");

        stop();

        assertThat(bob.awaitPush("message").at("/data/content").asText()).isEqualTo("last words");
        for (ChatClient client : List.of(alice, bob)) {
            assertThat(client.closedWith.get(10, TimeUnit.SECONDS)).as("1001: going away").isEqualTo(1001);
        }
        endpoint = start(); // for the @AfterEach
    }
}
