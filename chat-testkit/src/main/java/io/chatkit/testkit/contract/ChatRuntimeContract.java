package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.websocket.ChatClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every runtime of the chat does over real WebSockets, whatever carries the frames (the local API Gateway
 * and the Lambda handler, or the embedded server): extend it with a way to start and stop yours
 * ({@link RuntimeContractFixture#start()}, {@link RuntimeContractFixture#stop()}); the files' tests are in
 * {@link AttachmentsRuntimeContract}, the tests under load in {@link RuntimeUnderLoadContract}. Clients sign in
 * with {@code /dev/token} and connect to {@code ws://host:port/{stage}?token=…}.
 */
public abstract class ChatRuntimeContract extends AttachmentsRuntimeContract {
    @Test
    void two_users_on_three_connections_get_every_message_and_the_receipt() throws Exception {
        // the sender's own connection has the message as its reply, not also as a push (checked below)
        try (ChatClient aliceLaptop = signIn("alice");
             ChatClient alicePhone = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = aliceLaptop.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();

            JsonNode sent = aliceLaptop.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"hello bob\"}");
            String messageId = sent.at("/data/messageId").asText();

            assertThat(sent.path("type").asText()).isEqualTo("sent");
            for (ChatClient client : List.of(alicePhone, bob)) {
                assertThat(client.awaitPush("message").at("/data/messageId").asText()).isEqualTo(messageId);
            }
            JsonNode read = bob.request("{\"action\":\"markRead\",\"chatRoomId\":\"" + room + "\",\"messageId\":\""
                    + messageId + "\"}");
            assertThat(read.at("/data/newlyRead").asInt()).isEqualTo(1);
            for (ChatClient alice : List.of(aliceLaptop, alicePhone)) {
                assertThat(alice.awaitPush("read").at("/data/userId").asText()).isEqualTo("bob");
            }
            bob.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"marker\"}");
            assertThat(aliceLaptop.unclaimedBefore(frame -> frame.at("/data/content").asText().equals("marker")))
                    .as("the sending connection had its message as the reply, not also as a push")
                    .noneMatch(frame -> frame.at("/data/messageId").asText().equals(messageId));
            JsonNode history = alicePhone.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
            JsonNode first = java.util.stream.StreamSupport.stream(history.at("/data/messages").spliterator(), false)
                    .filter(message -> message.path("messageId").asText().equals(messageId)).findFirst().orElseThrow();
            assertThat(first.path("readBy").toString()).contains("alice", "bob");
        }
    }

    @Test
    void rooms_come_most_recent_first_and_a_reconnecting_client_catches_up_on_what_it_missed() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String direct = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String group = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"],"
                    + "\"name\":\"team\"}").at("/data/chatRoomId").asText();
            String seen = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + direct
                    + "\",\"content\":\"seen\"}").at("/data/messageId").asText();
            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + group + "\",\"content\":\"team news\"}");
            bob.close();
            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + direct + "\",\"content\":\"missed 1\"}");
            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + direct + "\",\"content\":\"missed 2\"}");

            try (ChatClient bobAgain = signIn("bob")) {
                JsonNode rooms = bobAgain.request("{\"action\":\"listRooms\"}");
                JsonNode caughtUp = bobAgain.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + direct
                        + "\",\"after\":\"" + seen + "\"}");

                assertThat(rooms.at("/data/rooms/0/chatRoomId").asText()).as("the newest message first").isEqualTo(direct);
                assertThat(rooms.at("/data/rooms/0/unreadCount").asInt()).isEqualTo(3);
                assertThat(rooms.at("/data/rooms/1/chatRoomId").asText()).isEqualTo(group);
                assertThat(caughtUp.at("/data/messages/0/content").asText()).isEqualTo("missed 1");
                assertThat(caughtUp.at("/data/messages/1/content").asText()).isEqualTo("missed 2");
                assertThat(caughtUp.at("/data/messages").size()).isEqualTo(2);
            }
        }
    }

    @Test
    void marking_unread_answers_the_count_tells_the_readers_other_tab_and_shows_in_the_list() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bobLaptop = signIn("bob");
             ChatClient bobPhone = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String first = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"one\"}").at("/data/messageId").asText();
            String second = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"two\"}").at("/data/messageId").asText();
            bobLaptop.request("{\"action\":\"markRead\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + second
                    + "\"}");

            JsonNode unread = bobLaptop.request("{\"action\":\"markUnread\",\"chatRoomId\":\"" + room
                    + "\",\"messageId\":\"" + first + "\"}");

            assertThat(unread.path("type").asText()).isEqualTo("unread");
            assertThat(unread.at("/data/unreadCount").asInt()).isEqualTo(2);
            assertThat(bobPhone.awaitPush("unread").at("/data/unreadCount").asInt()).isEqualTo(2);
            assertThat(bobLaptop.request("{\"action\":\"listRooms\"}").at("/data/rooms/0/unreadCount").asInt())
                    .isEqualTo(2);
        }
    }

    @Test
    void a_reply_reaches_the_others_with_what_it_answers_and_whom_it_mentions() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String question = bob.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"lunch?\"}").at("/data/messageId").asText();

            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"yes @bob\","
                    + "\"replyTo\":\"" + question + "\",\"mentions\":[\"bob\"]}");

            JsonNode reply = bob.await(frame -> frame.path("type").asText().equals("message")
                    && frame.at("/data/content").asText().equals("yes @bob"));
            assertThat(reply.at("/data/replyTo/messageId").asText()).isEqualTo(question);
            assertThat(reply.at("/data/replyTo/preview").asText()).isEqualTo("lunch?");
            assertThat(reply.at("/data/mentions").toString()).isEqualTo("[\"bob\"]");
        }
    }

    @Test
    void edits_deletes_and_reactions_reach_the_others_and_a_client_that_missed_them_catches_up() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String typo = send(alice, room, "helo");
            String oops = send(alice, room, "oops");
            String cursor = bob.request("{\"action\":\"getChanges\",\"chatRoomId\":\"" + room + "\"}")
                    .at("/data/nextCursor").asText();

            alice.request("{\"action\":\"editMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + typo
                    + "\",\"content\":\"hello\"}");
            assertThat(bob.awaitPush("messageEdited").at("/data/content").asText()).isEqualTo("hello");
            bob.close();
            alice.request("{\"action\":\"deleteMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + oops
                    + "\"}");
            alice.request("{\"action\":\"react\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + typo
                    + "\",\"emoji\":\"🎉\",\"on\":true}");

            try (ChatClient bobAgain = signIn("bob")) {
                JsonNode changes = bobAgain.request("{\"action\":\"getChanges\",\"chatRoomId\":\"" + room
                        + "\",\"since\":\"" + cursor + "\"}").at("/data/changes");
                assertThat(changes).hasSize(3);
                assertThat(changes.get(0).path("type").asText()).isEqualTo("messageEdited");
                assertThat(changes.get(1).path("type").asText()).isEqualTo("messageDeleted");
                assertThat(changes.get(1).at("/data/messageId").asText()).isEqualTo(oops);
                assertThat(changes.get(2).path("type").asText()).isEqualTo("reactionsChanged");
                assertThat(changes.get(2).at("/data/reactions/0/emoji").asText()).isEqualTo("🎉");
                JsonNode reacted = bobAgain.request("{\"action\":\"react\",\"chatRoomId\":\"" + room
                        + "\",\"messageId\":\"" + typo + "\",\"emoji\":\"🎉\",\"on\":true}");
                assertThat(reacted.at("/data/reactions/0/userIds").toString()).isEqualTo("[\"alice\",\"bob\"]");
                assertThat(alice.awaitPush("reactionsChanged").at("/data/reactions/0/userIds").size()).isEqualTo(2);
            }
        }
    }

    private static String send(ChatClient client, String room, String text) {
        return client.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"" + text
                + "\"}").at("/data/messageId").asText();
    }

    @Test
    void a_lost_socket_is_forgotten_and_the_others_go_on() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bobLaptop = signIn("bob");
             ChatClient bobPhone = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            bobPhone.abort();

            JsonNode sent = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"still there?\"}");

            assertThat(sent.path("type").asText()).isEqualTo("sent");
            assertThat(bobLaptop.awaitPush("message").at("/data/content").asText()).isEqualTo("still there?");
            JsonNode again = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"and again\"}");
            assertThat(again.path("type").asText()).isEqualTo("sent");
            assertThat(bobLaptop.awaitPush("message").at("/data/content").asText()).isEqualTo("and again");
        }
    }

    @Test
    void a_message_over_128_kb_closes_the_socket_with_1009() throws Exception {
        ChatClient alice = signIn("alice");
        String head = "{\"action\":\"listRooms\",\"pad\":\"";
        String big = head + "x".repeat(128 * 1024 - head.length() - 1) + "\"}"; // 128 KB and 1 byte
        // 4 frames of 32 KB, then the one byte too many alone: when the server closes, the client has nothing left
        // to write, so the server's close frame cannot be lost to a reset of a connection still being written to
        List<String> fragments = new ArrayList<>();
        for (int start = 0; start < big.length(); start += 32 * 1024) {
            fragments.add(big.substring(start, Math.min(big.length(), start + 32 * 1024)));
        }

        alice.sendFragments(fragments);

        assertThat(alice.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    @Test
    void a_bad_token_is_refused_with_401() {
        for (String token : List.of("not-a-token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJtYWxsb3J5In0.", "")) {
            assertThatThrownBy(() -> ChatClient.connect(endpoint, token, compression()))
                    .isInstanceOfSatisfying(ChatClient.HandshakeRefused.class, e -> assertThat(e.status).isEqualTo(401));
        }
    }

    /** A tab waking from sleep: its token expired a moment ago, still inside the verifier's clock skew. */
    @Test
    void a_token_that_expired_within_the_clock_skew_is_refused_with_401_not_500() throws Exception {
        String token = ChatClient.tokenFor(endpoint, "sleepy", 1);
        Thread.sleep(1_200);

        assertThatThrownBy(() -> ChatClient.connect(endpoint, token, compression()))
                .isInstanceOfSatisfying(ChatClient.HandshakeRefused.class, e -> assertThat(e.status).isEqualTo(401));
        try (ChatClient fresh = signIn("sleepy")) {
            assertThat(fresh.request("{\"action\":\"listRooms\"}").path("type").asText()).isEqualTo("rooms");
        }
    }

    /**
     * Legal messages at every size boundary arrive whole, whatever the client offered: the longest content in
     * 4-byte characters, in escaped quotes and in lines and tabs (one frame each, under 32 KB), a frame just under 32 KB,
     * a message just over 32 KB in 32 KB frames, one just under 128 KB in 32 KB frames.
     */
    @Test
    void legal_messages_at_every_size_boundary_get_through() throws Exception {
        try (ChatClient alice = signIn("alice"); ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String emoji = "\uD83D\uDE00".repeat(5_000);
            String quotes = "\"".repeat(5_000); // escaped in JSON: twice the bytes
            String lines = "line\n\t".repeat(833); // newline and tab: the control characters content may hold
            for (String content : List.of(emoji, quotes, lines)) {
                JsonNode sent = alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                        + "\",\"content\":" + ChatClient.JSON.writeValueAsString(content) + "}");
                assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
                assertThat(bob.awaitPush("message").at("/data/content").asText()).isEqualTo(content);
            }
            for (int bytes : List.of(FRAME_BYTES - 64, FRAME_BYTES + 64, MESSAGE_BYTES - 64)) {
                String padded = listRoomsPaddedTo(bytes);
                JsonNode rooms = alice.requestInFrames(padded, FRAME_BYTES);
                assertThat(rooms.path("type").asText()).as("a message of %d bytes", bytes).isEqualTo("rooms");
            }
            assertThat(alice.closedWith).as("nothing closed the socket").isNotDone();
        }
    }

    @Test
    void a_message_just_over_128_kb_in_32_kb_frames_closes_the_socket_with_1009() throws Exception {
        ChatClient alice = signIn("alice");

        alice.sendInFrames(listRoomsPaddedTo(MESSAGE_BYTES + 1), FRAME_BYTES);

        assertThat(alice.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    private static final int FRAME_BYTES = 32 * 1024;
    private static final int MESSAGE_BYTES = 128 * 1024;

    /**
     * A listRooms message of exactly {@code bytes} bytes (a request adds its requestId: some 17 more),
     * padded with an ignored field of letters that compress about as well as chat text does.
     */
    private static String listRoomsPaddedTo(int bytes) {
        String head = "{\"action\":\"listRooms\",\"pad\":\"";
        String tail = "\"}";
        Random random = new Random(bytes);
        StringBuilder pad = new StringBuilder();
        String letters = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        while (pad.length() < bytes - head.length() - tail.length()) {
            pad.append(letters.charAt(random.nextInt(letters.length())));
        }
        return head + pad + tail;
    }
}
