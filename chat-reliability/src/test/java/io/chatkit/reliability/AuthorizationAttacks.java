package io.chatkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.auth.TokenVerifier;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.lambda.ChatHandler;
import io.chatkit.lambda.Composition;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Mallory, signed in, tries to reach alice and bob's room every way the protocol allows. She is refused
 * every time, learns nothing, and changes nothing. The same table of attacks runs over the in-memory stores
 * and over DynamoDB (the subclasses). (Token attacks are in chat-lambda's TokenAttacksAtConnectTest.)
 */
abstract class AuthorizationAttacks {
    /** The stores under attack. */
    record Stores(ConnectionStore connections, MessageStore messages) {
    }

    private final RecordingPusher pusher = new RecordingPusher();
    private MessageStore messages;
    private String malloryRoom;
    private ChatHandler handler;
    private String room;
    private String message;
    private String otherRoomsMessage;
    private String aliceRoomsCursor;
    private String roomCursor;

    @BeforeEach
    void aliceAndBobTalk() throws Exception {
        Stores stores = stores();
        messages = stores.messages();
        handler = new ChatHandler(Composition.builder()
                .chat(ChatServices.builder().connections(stores.connections()).messages(messages))
                .pushers(endpoint -> pusher)
                .tokens(token -> new TokenVerifier.Verification.Valid(UserId.of(token)))
                .build());
        for (String user : List.of("alice", "bob", "mallory")) {
            handler.handleRequest(connectEvent(user + "=", user), null);
        }
        room = reply("alice=", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
        reply("alice=", "{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}");
        malloryRoom = reply("mallory=", "{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}")
                .at("/data/chatRoomId").asText();
        otherRoomsMessage = reply("mallory=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + malloryRoom
                + "\",\"content\":\"elsewhere\"}").at("/data/messageId").asText();
        for (int i = 0; i < 3; i++) {
            message = reply("alice=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"secret " + i
                    + "\"}").at("/data/messageId").asText();
        }
        aliceRoomsCursor = reply("alice=", "{\"action\":\"listRooms\",\"limit\":1}").at("/data/nextCursor").asText();
        roomCursor = reply("alice=", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\",\"limit\":1}")
                .at("/data/nextCursor").asText();
        pusher.clear();
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                Arguments.of("send into the room", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"hi\"}", "NOT_A_MEMBER"),
                Arguments.of("read the history", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\"}", "NOT_A_MEMBER"),
                Arguments.of("read what came after", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"after\":\"%MESSAGE%\"}", "NOT_A_MEMBER"),
                Arguments.of("page with a stolen cursor", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"before\":\"%ROOM_CURSOR%\"}", "NOT_A_MEMBER"),
                Arguments.of("mark read", "{\"action\":\"markRead\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\"}", "NOT_A_MEMBER"),
                Arguments.of("list alice's rooms with her cursor", "{\"action\":\"listRooms\",\"cursor\":\"%ROOMS_CURSOR%\"}", "INVALID_CURSOR"),
                Arguments.of("speak as alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"I am alice\",\"senderId\":\"alice\"}", "NOT_A_MEMBER"),
                Arguments.of("edit alice's message", "{\"action\":\"editMessage\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\",\"content\":\"x\"}", "NOT_A_MEMBER"),
                Arguments.of("delete alice's message", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\"}", "NOT_A_MEMBER"),
                Arguments.of("react", "{\"action\":\"react\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\",\"emoji\":\"👍\",\"on\":true}", "NOT_A_MEMBER"),
                Arguments.of("mark unread", "{\"action\":\"markUnread\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\"}", "NOT_A_MEMBER"),
                Arguments.of("read the changes", "{\"action\":\"getChanges\",\"chatRoomId\":\"%ROOM%\"}", "NOT_A_MEMBER"),
                Arguments.of("say they are typing", "{\"action\":\"typing\",\"chatRoomId\":\"%ROOM%\"}", "NOT_A_MEMBER"));
    }

    /** What a member of the room may not do with the new fields either: each refused, nothing changed. */
    static Stream<Arguments> memberAttempts() {
        return Stream.of(
                Arguments.of("edit alice's message", "{\"action\":\"editMessage\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\",\"content\":\"x\"}", "INVALID_INPUT"),
                Arguments.of("delete alice's message", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\"}", "INVALID_INPUT"),
                Arguments.of("react with an over-long emoji", "{\"action\":\"react\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%MESSAGE%\",\"emoji\":\"👨‍👩‍👧‍👦👨‍👩‍👧‍👦\",\"on\":true}", "INVALID_INPUT"),
                Arguments.of("reply to another room's message", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"re\",\"replyTo\":\"%OTHER_MESSAGE%\"}", "UNKNOWN_MESSAGE"),
                Arguments.of("mention a non-member", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"hey\",\"mentions\":[\"mallory\"]}", "INVALID_INPUT"),
                Arguments.of("edit a message of another room as if it were this one's", "{\"action\":\"editMessage\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%OTHER_MESSAGE%\",\"content\":\"x\"}", "UNKNOWN_MESSAGE"));
    }

    @ParameterizedTest(name = "bob tries to {0}")
    @MethodSource("memberAttempts")
    void a_member_is_refused_what_is_not_theirs_and_nothing_changes(String what, String frame, String code)
            throws Exception {
        String before = snapshot();

        JsonNode answer = reply("bob=", frame.replace("%ROOM%", room).replace("%MESSAGE%", message)
                .replace("%OTHER_MESSAGE%", otherRoomsMessage));

        assertThat(answer.at("/data/code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(pusher.deliveries()).isEmpty();
    }

    @ParameterizedTest(name = "mallory tries to {0}")
    @MethodSource("attempts")
    void a_stranger_is_refused_and_nothing_changes(String what, String frame, String code) throws Exception {
        String before = snapshot();

        JsonNode answer = reply("mallory=", frame.replace("%ROOM%", room).replace("%MESSAGE%", message)
                .replace("%ROOM_CURSOR%", roomCursor).replace("%ROOMS_CURSOR%", aliceRoomsCursor));

        assertThat(answer.at("/data/code").asText()).as(answer.toString()).isEqualTo(code);
        assertThat(answer.toString()).doesNotContain("secret");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(pusher.deliveries()).isEmpty();
    }

    @Test
    void a_senders_identity_comes_from_the_connection_never_from_the_frame() throws Exception {
        JsonNode sent = reply("bob=", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"hello\",\"senderId\":\"alice\"}");

        assertThat(sent.at("/data/senderId").asText()).isEqualTo("bob");
        assertThat(new RoomHistory(messages).messagesBefore(RoomId.of(room), Optional.empty(), 1).get(0).senderId())
                .isEqualTo(UserId.of("bob"));
    }

    @Test
    void a_stranger_lists_only_their_own_rooms() throws Exception {
        JsonNode rooms = reply("mallory=", "{\"action\":\"listRooms\"}");

        assertThat(rooms.path("type").asText()).as(rooms.toString()).isEqualTo("rooms");
        assertThat(rooms.at("/data/rooms")).hasSize(1);
        assertThat(rooms.at("/data/rooms/0/chatRoomId").asText()).isEqualTo(malloryRoom);
        assertThat(rooms.toString()).doesNotContain("secret").doesNotContain(room);
    }

    /** Fresh, empty stores for one test. */
    abstract Stores stores();

    private String snapshot() {
        return new RoomListing(messages).roomsOf(UserId.of("alice"), Optional.empty(), 100).rooms().toString()
                + new RoomListing(messages).roomsOf(UserId.of("bob"), Optional.empty(), 100).rooms()
                + new RoomListing(messages).roomsOf(UserId.of("mallory"), Optional.empty(), 100).rooms()
                + new RoomHistory(messages).messagesBefore(RoomId.of(room), Optional.empty(), 100);
    }

    private JsonNode reply(String connectionId, String body) throws Exception {
        return PushFaultsTest.reply(handler, connectionId, body);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent connectEvent(
            String connectionId, String token) {
        var event = PushFaultsTest.event(connectionId, "$connect", "CONNECT");
        event.setQueryStringParameters(java.util.Map.of("token", token));
        return event;
    }
}
