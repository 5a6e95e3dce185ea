package io.chatkit.lambda;



import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.testkit.fixtures.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad frame gets an error frame with a stable code, to the caller only, and changes nothing:
 * the store and the pushes are the same before and after.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {
    /** 51 bad frames from one connection: more than closes a connection, and than the default allowance holds. */
    private final HandlerHarness h = new HandlerHarness(Fixtures.LIMITS_OUT_OF_REACH);
    private String alice;
    private String room;
    private String otherRoom;
    private String foreignMessage;
    private String foreignCursor;

    @BeforeAll
    void aRoomWithHistory() {
        alice = h.connectAs("alice", "alice=");
        h.connectAs("bob", "bob=");
        h.connectAs("mallory", "mallory=");
        room = h.reply(alice, "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
        otherRoom = h.reply(alice, "{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"]}")
                .at("/data/chatRoomId").asText();
        for (int i = 0; i < 3; i++) {
            foreignMessage = h.reply(alice, "{\"action\":\"sendMessage\",\"chatRoomId\":\"%s\",\"content\":\"m%d\"}"
                    .formatted(otherRoom, i)).at("/data/messageId").asText();
        }
        foreignCursor = h.reply(alice, "{\"action\":\"getMessages\",\"chatRoomId\":\"%s\",\"limit\":1}".formatted(otherRoom))
                .at("/data/nextCursor").asText();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    Stream<Arguments> badFrames() {
        String tooLong = "a".repeat(5_001);
        String emojiTooLong = "😀".repeat(5_001);
        return Stream.of(
                row("not JSON", "alice", "hello", "INVALID_JSON"),
                row("truncated JSON", "alice", "{\"action\":\"sendMessage\"", "INVALID_JSON"),
                row("JSON array", "alice", "[1,2]", "INVALID_JSON"),
                row("JSON string", "alice", "\"sendMessage\"", "INVALID_JSON"),
                row("JSON null", "alice", "null", "INVALID_JSON"),
                row("empty frame", "alice", "", "INVALID_JSON"),
                row("missing action", "alice", "{\"chatRoomId\":\"%ROOM%\"}", "UNKNOWN_ACTION"),
                row("null action", "alice", "{\"action\":null}", "UNKNOWN_ACTION"),
                row("numeric action", "alice", "{\"action\":7}", "UNKNOWN_ACTION"),
                row("unknown action", "alice", "{\"action\":\"deleteEverything\"}", "UNKNOWN_ACTION"),
                row("send without room", "alice", "{\"action\":\"sendMessage\",\"content\":\"x\"}", "MISSING_FIELD"),
                row("send without content", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\"}", "MISSING_FIELD"),
                row("send with null content", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":null}", "MISSING_FIELD"),
                row("content a number", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":42}", "INVALID_INPUT"),
                row("empty content", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"\"}", "INVALID_INPUT"),
                row("whitespace content", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\" \\n\\t \"}", "INVALID_INPUT"),
                row("5,001 characters", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"" + tooLong + "\"}", "INVALID_INPUT"),
                row("content with NUL", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"a\\u0000b\"}", "INVALID_INPUT"),
                row("content with an escape sequence", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"\\u001b[31mred\"}", "INVALID_INPUT"),
                row("content with a bidi override", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"file \u202egnp.exe\"}", "INVALID_INPUT"),
                row("content of zero-width spaces only", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"\u200b\u200b\"}", "INVALID_INPUT"),
                row("room name with a bidi override", "alice", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"],\"name\":\"\u202eevil\"}", "INVALID_INPUT"),
                row("5,001 emoji", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"" + emojiTooLong + "\"}", "INVALID_INPUT"),
                row("frame over 128 KB", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"" + "b".repeat(140_000) + "\"}", "FRAME_TOO_LARGE"),
                row("room id with #", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%#MESSAGE#1\",\"content\":\"x\"}", "INVALID_INPUT"),
                row("room id stepping into USER#", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"USER#bob\"}", "INVALID_INPUT"),
                row("room id a number", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":5,\"content\":\"x\"}", "INVALID_INPUT"),
                row("client message id with #", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"x\",\"clientMessageId\":\"a#b\"}", "INVALID_INPUT"),
                row("unknown room", "alice", "{\"action\":\"sendMessage\",\"chatRoomId\":\"nope\",\"content\":\"x\"}", "UNKNOWN_ROOM"),
                row("stranger sends", "mallory", "{\"action\":\"sendMessage\",\"chatRoomId\":\"%ROOM%\",\"content\":\"let me in\"}", "NOT_A_MEMBER"),
                row("stranger reads", "mallory", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\"}", "NOT_A_MEMBER"),
                row("stranger marks read", "mallory", "{\"action\":\"markRead\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%FOREIGN_MESSAGE%\"}", "NOT_A_MEMBER"),
                row("unknown connection", "ghost", "{\"action\":\"listRooms\"}", "NOT_CONNECTED"),
                row("limit 0", "alice", "{\"action\":\"listRooms\",\"limit\":0}", "INVALID_INPUT"),
                row("limit negative", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"limit\":-5}", "INVALID_INPUT"),
                row("limit huge", "alice", "{\"action\":\"listRooms\",\"limit\":1000000}", "INVALID_INPUT"),
                row("limit beyond int", "alice", "{\"action\":\"listRooms\",\"limit\":99999999999999}", "INVALID_INPUT"),
                row("limit a string", "alice", "{\"action\":\"listRooms\",\"limit\":\"10\"}", "INVALID_INPUT"),
                row("limit a fraction", "alice", "{\"action\":\"listRooms\",\"limit\":2.5}", "INVALID_INPUT"),
                row("forged room cursor", "alice", "{\"action\":\"listRooms\",\"cursor\":\"forged\"}", "INVALID_CURSOR"),
                row("forged message cursor", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"before\":\"eyJ4IjoxfQ\"}", "INVALID_CURSOR"),
                row("cursor of another room", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"before\":\"%FOREIGN_CURSOR%\"}", "INVALID_CURSOR"),
                row("room cursor as message cursor", "alice", "{\"action\":\"listRooms\",\"cursor\":\"%FOREIGN_CURSOR%\"}", "INVALID_CURSOR"),
                row("before and after together", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"before\":\"%FOREIGN_CURSOR%\",\"after\":\"%FOREIGN_MESSAGE%\"}", "INVALID_INPUT"),
                row("after not a message id", "alice", "{\"action\":\"getMessages\",\"chatRoomId\":\"%ROOM%\",\"after\":\"MESSAGE#1\"}", "INVALID_INPUT"),
                row("mark read a message of another room", "alice", "{\"action\":\"markRead\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"%FOREIGN_MESSAGE%\"}", "UNKNOWN_MESSAGE"),
                row("mark read without message id", "alice", "{\"action\":\"markRead\",\"chatRoomId\":\"%ROOM%\"}", "MISSING_FIELD"),
                row("mark read a malformed id", "alice", "{\"action\":\"markRead\",\"chatRoomId\":\"%ROOM%\",\"messageId\":\"x#y\"}", "INVALID_INPUT"),
                row("room of one", "alice", "{\"action\":\"createRoom\",\"participantIds\":[]}", "INVALID_INPUT"),
                row("room of only myself", "alice", "{\"action\":\"createRoom\",\"participantIds\":[\"alice\"]}", "INVALID_INPUT"),
                row("room of 51", "alice", "{\"action\":\"createRoom\",\"participantIds\":" + members(50) + "}", "INVALID_INPUT"),
                row("participants not an array", "alice", "{\"action\":\"createRoom\",\"participantIds\":\"bob\"}", "INVALID_INPUT"),
                row("participant a number", "alice", "{\"action\":\"createRoom\",\"participantIds\":[1]}", "INVALID_INPUT"),
                row("participant id with #", "alice", "{\"action\":\"createRoom\",\"participantIds\":[\"USER#bob\"]}", "INVALID_INPUT"),
                row("room name too long", "alice", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"],\"name\":\"" + "n".repeat(101) + "\"}", "INVALID_INPUT"),
                row("request id not a string", "alice", "{\"action\":\"listRooms\",\"requestId\":{\"a\":1}}", "INVALID_INPUT"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("badFrames")
    void a_bad_frame_gets_an_error_frame_and_changes_nothing(String name, String sender, String frame, String code) {
        String before = snapshot();
        int postsBefore = h.gateway.posts();

        APIGatewayV2WebSocketResponse response = h.send(sender + "=", frame
                .replace("%ROOM%", room).replace("%FOREIGN_MESSAGE%", foreignMessage)
                .replace("%FOREIGN_CURSOR%", foreignCursor));

        JsonNode error = HandlerHarness.parse(response.getBody());
        assertThat(error.get("type").asText()).as(response.getBody()).isEqualTo("error");
        assertThat(error.at("/data/code").asText()).as(response.getBody()).isEqualTo(code);
        assertThat(error.at("/data/message").asText()).isNotBlank();
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(h.gateway.posts()).as("nothing pushed to anyone").isEqualTo(postsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framesAtTheLimits")
    void frames_exactly_at_the_limits_are_accepted(String name, String content) {
        JsonNode sent = h.reply(alice, "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\""
                + content + "\"}");

        assertThat(sent.get("type").asText()).as(name).isEqualTo("sent");
        assertThat(new RoomHistory(h.messages).messagesBefore(RoomId.of(room), Optional.empty(), 1).get(0).content().text())
                .isEqualTo(content);
    }

    Stream<Arguments> framesAtTheLimits() {
        return Stream.of(
                Arguments.of("5,000 characters", "a".repeat(5_000)),
                Arguments.of("5,000 emoji (10,000 UTF-16 units)", "😀".repeat(5_000)),
                Arguments.of("HTML and script, kept verbatim", "<script>alert(1)</script><b>bold</b>"));
    }

    private String snapshot() {
        StringBuilder state = new StringBuilder();
        for (String user : List.of("alice", "bob", "carol", "mallory")) {
            state.append(new RoomListing(h.messages).roomsOf(UserId.of(user), Optional.empty(), 100).rooms());
        }
        for (String r : List.of(room, otherRoom)) {
            state.append(new RoomHistory(h.messages).messagesBefore(RoomId.of(r), Optional.empty(), 100));
        }
        state.append(h.connections.size());
        return state.toString();
    }

    private static String members(int count) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            list.append(i == 0 ? "" : ",").append("\"member").append(i).append("\"");
        }
        return list.append("]").toString();
    }

    private static Arguments row(String name, String sender, String frame, String code) {
        return Arguments.of(name, sender, frame, code);
    }
}
