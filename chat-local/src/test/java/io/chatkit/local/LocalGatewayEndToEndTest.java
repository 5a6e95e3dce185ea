package io.chatkit.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.websocket.ChatClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The local stage over real WebSockets: JDK clients, the unchanged Lambda handler, real JWTs. */
class LocalGatewayEndToEndTest {
    private LocalChat chat;
    private LocalGateway gateway;

    @BeforeEach
    void start() throws Exception {
        chat = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE));
        gateway = chat.gateway();
    }

    @AfterEach
    void stop() throws Exception {
        chat.close();
    }

    @Test
    void a_bad_token_is_refused_with_401_and_nothing_is_stored() throws Exception {
        String valid = ChatClient.tokenFor(Endpoints.of(gateway), "alice");
        // alice's own token with its signature bent: a user who exists, so "nothing stored" can be seen
        String forged = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");
        for (String token : List.of(forged, "not-a-token")) {
            assertThatThrownBy(() -> ChatClient.connect(Endpoints.of(gateway), token))
                    .isInstanceOfSatisfying(ChatClient.HandshakeRefused.class, e -> assertThat(e.status).isEqualTo(401));
        }
        assertThatThrownBy(() -> ChatClient.connect(Endpoints.of(gateway), ""))
                .isInstanceOfSatisfying(ChatClient.HandshakeRefused.class, e -> assertThat(e.status).isEqualTo(401));

        assertThat(gateway.openConnectionIds()).isEmpty();
        assertThat(chat.connections().liveConnectionsOf(List.of(UserId.of("alice")), Instant.now())).isEmpty();
        try (ChatClient alice = ChatClient.connect(Endpoints.of(gateway), valid)) {
            assertThat(chat.connections().liveConnectionsOf(List.of(UserId.of("alice")), Instant.now()))
                    .as("the same user with her real token gets in: the check above could see a connection")
                    .hasSize(1);
        }
    }

    @Test
    void connection_ids_look_like_api_gateways_and_at_connections_answers_get_and_delete() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            awaitCondition(() -> gateway.openConnectionIds().size() == 1); // registered just after the handshake
            String id = gateway.openConnectionIds().iterator().next();
            assertThat(id).matches("[A-Za-z0-9_-]{15}=");
            URI connection = URI.create(gateway.callbackUrl() + "/@connections/"
                    + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

            var info = http.send(java.net.http.HttpRequest.newBuilder(connection).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var deleted = http.send(java.net.http.HttpRequest.newBuilder(connection).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var infoAfter = http.send(java.net.http.HttpRequest.newBuilder(connection).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            var deletedAgain = http.send(java.net.http.HttpRequest.newBuilder(connection).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());

            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"connectedAt\"").contains("\"lastActiveAt\"").contains("\"sourceIp\"");
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(alice.closedWith.get(5, TimeUnit.SECONDS)).isNotNull();
            assertThat(infoAfter.statusCode()).isEqualTo(410);
            assertThat(infoAfter.headers().firstValue("x-amzn-ErrorType")).hasValue("GoneException");
            assertThat(deletedAgain.statusCode()).isEqualTo(410);
        }
    }

    @Test
    void the_gateway_listens_on_loopback_only() {
        assertThat(gateway.httpUrl()).startsWith("http://127.0.0.1:");
        assertThat(gateway.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void two_users_on_three_connections_chat_read_and_list() throws Exception {
        try (ChatClient aliceLaptop = ChatClient.signIn(Endpoints.of(gateway), "alice");
             ChatClient alicePhone = ChatClient.signIn(Endpoints.of(gateway), "alice");
             ChatClient bob = ChatClient.signIn(Endpoints.of(gateway), "bob")) {
            JsonNode created = aliceLaptop.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"],\"name\":\"lunch\"}");
            String room = created.at("/data/chatRoomId").asText();
            for (ChatClient each : List.of(alicePhone, bob)) { // aliceLaptop has the room as its reply
                assertThat(each.awaitPush("roomCreated").at("/data/chatRoomId").asText()).isEqualTo(room);
            }

            JsonNode sent = aliceLaptop.request(send(room, "hello bob"));
            assertThat(sent.get("type").asText()).isEqualTo("sent");
            for (ChatClient each : List.of(alicePhone, bob)) { // aliceLaptop has the message as its reply
                JsonNode message = each.awaitPush("message");
                assertThat(message.at("/data/content").asText()).isEqualTo("hello bob");
                assertThat(message.at("/data/senderId").asText()).isEqualTo("alice");
            }

            JsonNode rooms = bob.request("{\"action\":\"listRooms\"}");
            assertThat(rooms.at("/data/rooms/0/chatRoomId").asText()).isEqualTo(room);
            assertThat(rooms.at("/data/rooms/0/unreadCount").asInt()).isEqualTo(1);

            bob.request("{\"action\":\"markRead\",\"chatRoomId\":\"%s\",\"messageId\":\"%s\"}"
                    .formatted(room, sent.at("/data/messageId").asText()));
            for (ChatClient each : List.of(aliceLaptop, alicePhone)) {
                JsonNode receipt = each.awaitPush("read");
                assertThat(receipt.at("/data/userId").asText()).isEqualTo("bob");
            }
            assertThat(bob.request("{\"action\":\"listRooms\"}").at("/data/rooms/0/unreadCount").asInt()).isZero();
            alicePhone.request(send(room, "marker"));
            java.util.function.Predicate<JsonNode> marker = f -> f.at("/data/content").asText().equals("marker");
            assertThat(bob.unclaimedBefore(marker)).as("no receipt of his own read")
                    .noneMatch(f -> f.path("type").asText().equals("read"));
            assertThat(aliceLaptop.unclaimedBefore(marker)).as("no push of what this connection did itself")
                    .noneMatch(f -> List.of("roomCreated", "message").contains(f.path("type").asText())
                            && !marker.test(f));
        }
    }

    @Test
    void the_room_list_follows_the_latest_message() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            String first = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
            JsonNode created = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}");
            String second = created.at("/data/chatRoomId").asText();
            // rooms whose last messages share a millisecond have no order between them: the bump comes after it
            Instant secondAt = Instant.parse(created.at("/data/createdAt").asText());
            awaitCondition(() -> Instant.now().isAfter(secondAt));
            alice.request(send(first, "bump"));

            JsonNode rooms = alice.request("{\"action\":\"listRooms\"}");

            assertThat(rooms.at("/data/rooms/0/chatRoomId").asText()).isEqualTo(first);
            assertThat(rooms.at("/data/rooms/1/chatRoomId").asText()).isEqualTo(second);
        }
    }

    @Test
    void a_reconnecting_client_catches_up_on_what_it_missed() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            String room;
            String lastSeen;
            try (ChatClient bob = ChatClient.signIn(Endpoints.of(gateway), "bob")) {
                room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
                alice.request(send(room, "before"));
                lastSeen = bob.awaitPush("message").at("/data/messageId").asText();
            }
            alice.request(send(room, "missed 1"));
            alice.request(send(room, "missed 2"));

            try (ChatClient bobAgain = ChatClient.signIn(Endpoints.of(gateway), "bob")) {
                JsonNode catchUp = bobAgain.request("{\"action\":\"getMessages\",\"chatRoomId\":\"%s\",\"after\":\"%s\"}"
                        .formatted(room, lastSeen));
                assertThat(catchUp.at("/data/messages")).extracting(m -> m.get("content").asText())
                        .containsExactly("missed 1", "missed 2");
            }
        }
    }

    @Test
    void a_socket_lost_without_disconnect_is_removed_when_the_next_push_gets_410() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice");
             ChatClient bobNew = ChatClient.signIn(Endpoints.of(gateway), "bob")) {
            // the gateway registers a socket just after the handshake: wait for both, or the lost one is misidentified
            awaitCondition(() -> gateway.openConnectionIds().size() == 2);
            Set<String> before = new HashSet<>(gateway.openConnectionIds());
            ChatClient bobOld = ChatClient.signIn(Endpoints.of(gateway), "bob");
            String lost = newId(gateway, before);
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
            gateway.loseWithoutDisconnect(lost);
            assertThat(chat.connections().find(ConnectionId.of(lost), Instant.now())).as("no $disconnect came").isPresent();

            alice.request(send(room, "anyone there?"));

            assertThat(bobNew.awaitPush("message").at("/data/content").asText()).isEqualTo("anyone there?");
            assertThat(chat.connections().find(ConnectionId.of(lost), Instant.now())).as("removed after 410").isEmpty();
            // the JDK client notices a cut TCP connection only when its next read fails: allow it time on a busy machine
            assertThat(bobOld.closedWith.get(20, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void closing_a_socket_sends_disconnect_and_stopping_the_gateway_disconnects_everyone() throws Exception {
        ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice");
        ChatClient bob = ChatClient.signIn(Endpoints.of(gateway), "bob");
        alice.close();
        awaitCondition(() -> chat.connections().liveConnectionsOf(List.of(UserId.of("alice")), Instant.now()).isEmpty());

        chat.close();

        assertThat(chat.connections().liveConnectionsOf(List.of(UserId.of("bob")), Instant.now())).isEmpty();
        assertThat(bob.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1001);
    }

    @Test
    void a_frame_that_is_not_json_goes_to_default_and_gets_an_error_reply() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            alice.sendRaw("hello?");
            JsonNode error = alice.await(f -> "error".equals(f.path("type").asText()));
            assertThat(error.at("/data/code").asText()).isEqualTo("INVALID_JSON");
            assertThat(gateway.routeKeyOf("hello?")).isEqualTo("$default");
            assertThat(gateway.routeKeyOf("{\"action\":\"sendMessage\"}")).isEqualTo("sendMessage");
            assertThat(gateway.routeKeyOf("{\"action\":\"dance\"}")).isEqualTo("$default");
        }
    }

    @Test
    void a_single_frame_over_32_kb_closes_the_socket_as_api_gateway_does() throws Exception {
        URI url = URI.create(gateway.websocketUrl() + "?token=" + ChatClient.tokenFor(Endpoints.of(gateway), "alice"));
        try (RawWebSocket alice = RawWebSocket.open(url)) {
            // a 40 KB message, legal as a message, in one frame (the JDK's client would split it)
            alice.sendOneFrame(padded("{\"action\":\"listRooms\",\"pad\":\"", 40 * 1024) + "\"}");

            assertThat(alice.awaitCloseStatus()).isEqualTo(1009);
        }
    }

    @Test
    void messages_to_a_client_go_out_in_frames_of_at_most_32_kb_one_message_at_a_time() throws Exception {
        URI url = URI.create(gateway.websocketUrl() + "?token=" + ChatClient.tokenFor(Endpoints.of(gateway), "alice"));
        Set<String> before = gateway.openConnectionIds();
        try (RawWebSocket alice = RawWebSocket.open(url)) {
            LocalConnection connection = gateway.connections().find(newId(gateway, before)).orElseThrow();
            // 3 bytes a character in UTF-8: 40,000 of them are 120 KB, four frames or more each
            String first = "語".repeat(40_000);
            String second = "é".repeat(50_000) + "end";

            assertThat(gateway.connections().post(connection, first)).isTrue();
            assertThat(gateway.connections().post(connection, second)).isTrue();
            List<RawWebSocket.Frame> frames = alice.readMessages(2);

            assertThat(frames).allSatisfy(frame -> assertThat(frame.payload().length).isLessThanOrEqualTo(32 * 1024));
            int firstEnds = frames.indexOf(frames.stream().filter(RawWebSocket.Frame::fin).findFirst().orElseThrow());
            assertThat(firstEnds).as("the first message in several frames").isGreaterThanOrEqualTo(3);
            assertThat(frames.get(0).opcode()).isEqualTo(1);
            assertThat(frames.subList(1, firstEnds + 1)).allSatisfy(frame -> assertThat(frame.opcode()).isZero());
            assertThat(frames.get(firstEnds + 1).opcode()).as("the second begins after the first ended").isEqualTo(1);
            assertThat(frames.subList(firstEnds + 2, frames.size())).allSatisfy(frame -> assertThat(frame.opcode()).isZero());
            assertThat(text(frames.subList(0, firstEnds + 1))).isEqualTo(first);
            assertThat(text(frames.subList(firstEnds + 1, frames.size()))).isEqualTo(second);
        }
    }

    /**
     * A client that reads nothing while megabytes are posted to it: the write that cannot finish within 10 s closes
     * the socket with 1011; the close frame cannot reach a client that reads nothing either, so after 2 s more the
     * connection is dropped. The gateway forgets it ($disconnect), later posts are answered 410, and the client sees
     * its socket end (and reconnects and catches up).
     */
    @Test
    void a_frame_that_cannot_be_written_closes_the_socket_even_when_the_client_reads_nothing() throws Exception {
        try (RawClient raw = RawClient.open(gateway, "alice")) {
            RawWebSocket alice = raw.socket();
            String id = raw.id();
            LocalConnection connection = raw.connection();

            assertThat(postMoreThanItsBuffersHold(connection)).as("posts taken").isEqualTo(80);
            awaitCondition(() -> !gateway.openConnectionIds().contains(id), Duration.ofSeconds(30));

            assertThat(gateway.connections().post(connection, "{}")).as("a post to the forgotten socket").isFalse();
            assertThat(chat.connections().liveConnectionsOf(List.of(UserId.of("alice")), Instant.now()))
                    .as("$disconnect removed it").isEmpty();
            alice.setReadTimeout(Duration.ofSeconds(30));
            assertThat(alice.awaitEnd()).as("what was buffered, then the end: dropped, as the close frame could not "
                    + "get through").isEmpty();
        }
    }

    /** A client that reads nothing: once 1,000 messages wait for it, the next post closes its socket (and gets 410). */
    @Test
    void the_post_after_1000_waiting_messages_closes_the_socket_of_a_client_that_reads_nothing() throws Exception {
        try (RawClient raw = RawClient.open(gateway, "alice")) {
            String id = raw.id();
            LocalConnection connection = raw.connection();
            postMoreThanItsBuffersHold(connection); // the writer now waits on the socket

            int taken = 0;
            while (taken < 2 * LocalConnection.MAX_QUEUED && gateway.connections().post(connection, "{\"n\":" + taken + "}")) {
                taken++;
            }

            assertThat(taken).as("small posts taken before one was refused")
                    .isBetween(LocalConnection.MAX_QUEUED - 80, LocalConnection.MAX_QUEUED);
            awaitCondition(() -> !gateway.openConnectionIds().contains(id));
            assertThat(gateway.connections().post(connection, "{}")).as("and after").isFalse();
        }
    }

    /** A user's raw socket to the gateway (frames read by hand), with the gateway's side of it. */
    private record RawClient(RawWebSocket socket, String id, LocalConnection connection) implements AutoCloseable {
        static RawClient open(LocalGateway gateway, String user) throws Exception {
            URI url = URI.create(gateway.websocketUrl() + "?token=" + ChatClient.tokenFor(Endpoints.of(gateway), user));
            Set<String> before = gateway.openConnectionIds();
            RawWebSocket socket = RawWebSocket.open(url);
            String id = newId(gateway, before);
            return new RawClient(socket, id, gateway.connections().find(id).orElseThrow());
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    /** 80 messages of 120 KB to a client that reads nothing: more than a loopback connection buffers. */
    private int postMoreThanItsBuffersHold(LocalConnection connection) {
        String large = "語".repeat(40_000);
        int taken = 0;
        for (int i = 0; i < 80; i++) {
            taken += gateway.connections().post(connection, large) ? 1 : 0;
        }
        return taken;
    }

    private static String text(List<RawWebSocket.Frame> frames) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        frames.forEach(frame -> bytes.writeBytes(frame.payload()));
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void a_message_over_128_kb_closes_the_socket_even_in_frames_under_32_kb() throws Exception {
        ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice");
        String head = "{\"action\":\"listRooms\",\"pad\":\"";
        // 128 KB and 1 byte: 4 frames of 32 KB, then the byte too many alone, so that the client has nothing left to
        // write when the gateway closes (a reset of a connection still being written to could lose the close frame)
        alice.sendFragments(fragments(padded(head, 128 * 1024 - 1) + "\"}", 32 * 1024));

        assertThat(alice.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void a_legal_message_over_32_kb_in_frames_under_32_kb_gets_through() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            alice.sendFragments(fragments(padded("{\"action\":\"listRooms\",\"requestId\":\"big\",\"pad\":\"",
                    60 * 1024) + "\"}", 20 * 1024));

            JsonNode reply = alice.await(frame -> "big".equals(frame.path("requestId").asText(null)));
            assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("rooms");
            assertThat(alice.closedWith).isNotDone();
        }
    }

    @Test
    void a_reply_over_32_kb_reaches_the_client() throws Exception {
        try (ChatClient alice = ChatClient.signIn(Endpoints.of(gateway), "alice")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            for (int i = 0; i < 10; i++) {
                alice.request(send(room, "x".repeat(5_000)));
            }

            JsonNode history = alice.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");

            assertThat(history.toString().length()).isGreaterThan(50 * 1024);
            assertThat(history.at("/data/messages")).hasSize(11);
        }
    }

    /** {@code prefix} followed by x's up to {@code bytes} (ASCII, so characters are bytes). */
    private static String padded(String prefix, int bytes) {
        return prefix + "x".repeat(bytes - prefix.length());
    }

    private static List<String> fragments(String message, int size) {
        List<String> parts = new java.util.ArrayList<>();
        for (int start = 0; start < message.length(); start += size) {
            parts.add(message.substring(start, Math.min(message.length(), start + size)));
        }
        return parts;
    }

    /** The id of the connection the gateway opened since {@code before}, once Jetty has called its socket back. */
    static String newId(LocalGateway gateway, Set<String> before) throws Exception {
        awaitCondition(() -> gateway.openConnectionIds().size() > before.size());
        Set<String> now = new HashSet<>(gateway.openConnectionIds());
        now.removeAll(before);
        return now.iterator().next();
    }

    private static String send(String room, String text) {
        return "{\"action\":\"sendMessage\",\"chatRoomId\":\"%s\",\"content\":\"%s\"}".formatted(room, text);
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        awaitCondition(condition, Duration.ofSeconds(5));
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + within);
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}
