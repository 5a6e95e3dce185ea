package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.out.ConnectionStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every action answered, every error code produced, through the transport-agnostic protocol. */
class ChatProtocolTest {
    private ProtocolHarness harness;
    private String room;

    @BeforeEach
    void aliceAndBobShareARoom() {
        harness = new ProtocolHarness();
        room = harness.aliceAndBobInARoom();
    }

    @Test
    void every_action_answers_with_its_reply_frame() {
        harness.connect("carol", "c1");
        JsonNode created = harness.reply("a1", "{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"],"
                + "\"name\":\"team\",\"requestId\":\"r0\"}");
        JsonNode sent = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"hi\"}");
        JsonNode read = harness.reply("b1", "{\"action\":\"markRead\",\"chatRoomId\":\"" + room + "\",\"messageId\":\""
                + sent.at("/data/messageId").asText() + "\"}");
        JsonNode rooms = harness.reply("b1", "{\"action\":\"listRooms\",\"limit\":10}");
        JsonNode messages = harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");

        assertThat(created.path("type").asText()).isEqualTo("roomCreated");
        assertThat(created.path("requestId").asText()).isEqualTo("r0");
        assertThat(created.at("/data/type").asText()).isEqualTo("group");
        assertThat(created.at("/data/existing").asBoolean(true)).isFalse();
        JsonNode again = harness.reply("b1", "{\"action\":\"createRoom\",\"participantIds\":[\"alice\"]}");
        assertThat(again.at("/data/chatRoomId").asText()).as("the pair's direct room").isEqualTo(room);
        assertThat(again.at("/data/existing").asBoolean(false)).isTrue();
        assertThat(sent.path("type").asText()).isEqualTo("sent");
        assertThat(sent.at("/data/content").asText()).isEqualTo("hi");
        assertThat(read.path("type").asText()).isEqualTo("read");
        assertThat(read.at("/data/newlyRead").asInt()).isEqualTo(1);
        assertThat(rooms.path("type").asText()).isEqualTo("rooms");
        // both rooms had news within the same millisecond or two: find the direct room by id, not by position
        JsonNode direct = java.util.stream.StreamSupport.stream(rooms.at("/data/rooms").spliterator(), false)
                .filter(r -> r.path("chatRoomId").asText().equals(room)).findFirst().orElseThrow();
        assertThat(rooms.at("/data/rooms")).hasSize(2);
        assertThat(direct.path("lastMessage").asText()).isEqualTo("hi");
        assertThat(messages.path("type").asText()).isEqualTo("messages");
        assertThat(messages.at("/data/messages/0/content").asText()).isEqualTo("hi");
        String group = created.at("/data/chatRoomId").asText();
        harness.connect("dave", "d1");
        JsonNode added = harness.reply("a1", "{\"action\":\"addMembers\",\"chatRoomId\":\"" + group
                + "\",\"participantIds\":[\"dave\",\"bob\"],\"requestId\":\"r1\"}");
        JsonNode left = harness.reply("c1", "{\"action\":\"leaveRoom\",\"chatRoomId\":\"" + group
                + "\",\"requestId\":\"r2\"}");
        assertThat(added.path("type").asText()).isEqualTo("membersAdded");
        assertThat(added.path("requestId").asText()).isEqualTo("r1");
        assertThat(added.at("/data/chatRoomId").asText()).isEqualTo(group);
        assertThat(added.at("/data/participantIds").toString()).as("bob was a member already").isEqualTo("[\"dave\"]");
        assertThat(left.path("type").asText()).isEqualTo("roomLeft");
        assertThat(left.at("/data/chatRoomId").asText()).isEqualTo(group);
        assertThat(harness.reply("c1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + group + "\"}")
                .at("/data/code").asText()).isEqualTo("NOT_A_MEMBER");
        assertThat(ChatProtocol.ACTIONS).as("blocking's frames: BlockingFramesTest; typing's: LiveSignalFramesTest; markUnread's: MarkUnreadFramesTest; attachments': AttachmentFramesTest")
                .containsExactlyInAnyOrder(
                "sendMessage", "createRoom", "markRead", "listRooms", "getMessages", "leaveRoom", "addMembers",
                "blockUser", "unblockUser", "listBlocked", "typing", "markUnread", "editMessage", "deleteMessage",
                "getChanges", "react", "requestUpload", "getAttachmentUrl");
    }

    @Test
    void every_error_code_is_what_the_protocol_answers_to_its_fault() {
        Map<ErrorCode, Reply> replies = new java.util.EnumMap<>(ErrorCode.class);
        replies.put(ErrorCode.INVALID_JSON, harness.send("a1", "{\"requestId\":\"INVALID_JSON\",\"action\":\"listRooms\",\"x\":1,\"x\":2}"));
        replies.put(ErrorCode.UNKNOWN_ACTION, harness.send("a1", "{\"requestId\":\"UNKNOWN_ACTION\",\"action\":\"dance\"}"));
        replies.put(ErrorCode.MISSING_FIELD, harness.send("a1", "{\"requestId\":\"MISSING_FIELD\",\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\"}"));
        replies.put(ErrorCode.INVALID_INPUT, harness.send("a1", "{\"requestId\":\"INVALID_INPUT\",\"action\":\"listRooms\",\"limit\":0}"));
        replies.put(ErrorCode.FRAME_TOO_LARGE, harness.send("a1", "{\"requestId\":\"FRAME_TOO_LARGE\",\"action\":\"sendMessage\",\"content\":\""
                + "x".repeat(Request.MAX_BYTES) + "\"}"));
        replies.put(ErrorCode.NOT_CONNECTED, harness.send("nobody", "{\"requestId\":\"NOT_CONNECTED\",\"action\":\"listRooms\"}"));
        java.time.Instant now = java.time.Instant.now();
        harness.chat.connect().connect(new io.chatkit.core.port.in.ConnectUseCase.ConnectCommand(
                io.chatkit.core.domain.ConnectionId.of("x1"), io.chatkit.core.domain.UserId.of("xavier"),
                now.minusSeconds(60), java.util.Optional.of(now.minusSeconds(1))));
        replies.put(ErrorCode.SESSION_EXPIRED, harness.send("x1", "{\"requestId\":\"SESSION_EXPIRED\",\"action\":\"listRooms\"}"));
        replies.put(ErrorCode.UNKNOWN_ROOM, harness.send("a1", "{\"requestId\":\"UNKNOWN_ROOM\",\"action\":\"getMessages\",\"chatRoomId\":\"no-such-room\"}"));
        harness.connect("eve", "e1");
        replies.put(ErrorCode.NOT_A_MEMBER, harness.send("e1", "{\"requestId\":\"NOT_A_MEMBER\",\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}"));
        replies.put(ErrorCode.UNKNOWN_MESSAGE, harness.send("a1", "{\"requestId\":\"UNKNOWN_MESSAGE\",\"action\":\"markRead\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"0000000000001-nope\"}"));
        replies.put(ErrorCode.INVALID_CURSOR, harness.send("a1", "{\"requestId\":\"INVALID_CURSOR\",\"action\":\"listRooms\",\"cursor\":\"forged\"}"));
        replies.put(ErrorCode.INTERNAL_ERROR, new ProtocolHarness(failingConnections())
                .send("a1", "{\"action\":\"listRooms\",\"requestId\":\"r9\"}"));
        ProtocolHarness defaults = ProtocolHarness.withDefaultLimits();
        defaults.connect("flood", "f1");
        for (int i = 0; i < 60; i++) {
            defaults.send("f1", "{\"action\":\"listRooms\"}");
        }
        replies.put(ErrorCode.RATE_LIMITED, defaults.send("f1", "{\"action\":\"listRooms\",\"requestId\":\"r61\"}"));
        ProtocolHarness crowded = ProtocolHarness.withRoomsPerUser(1);
        crowded.connect("gus", "g1");
        crowded.send("g1", "{\"action\":\"createRoom\",\"participantIds\":[\"hal\"],\"name\":\"the one\"}");
        replies.put(ErrorCode.TOO_MANY_ROOMS, crowded.send("g1",
                "{\"requestId\":\"TOO_MANY_ROOMS\",\"action\":\"createRoom\",\"participantIds\":[\"ivy\"],\"name\":\"two\"}"));

        harness.connect("kim", "k1");
        harness.connect("lea", "l1");
        harness.send("l1", "{\"action\":\"blockUser\",\"userId\":\"kim\"}");
        replies.put(ErrorCode.BLOCKED, harness.send("k1",
                "{\"requestId\":\"BLOCKED\",\"action\":\"createRoom\",\"participantIds\":[\"lea\"]}"));

        replies.put(ErrorCode.CHANGES_EXPIRED, harness.send("a1", "{\"requestId\":\"CHANGES_EXPIRED\","
                + "\"action\":\"getChanges\",\"chatRoomId\":\"" + room + "\",\"since\":\"1.1000\"}"));
        replies.put(ErrorCode.UNKNOWN_ATTACHMENT, harness.send("a1", "{\"requestId\":\"UNKNOWN_ATTACHMENT\","
                + "\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"attachments\":[\"never-granted\"]}"));
        assertThat(replies.keySet()).as("every code a reply can carry (TOO_MANY_REFUSALS is pushed: RefusedFramesTest)")
                .containsExactlyInAnyOrderElementsOf(java.util.EnumSet.complementOf(
                        java.util.EnumSet.of(ErrorCode.TOO_MANY_REFUSALS)));
        replies.forEach((code, reply) -> {
            JsonNode frame = ProtocolHarness.parse(reply.frame());
            assertThat(frame.path("type").asText()).as(code + ": " + reply.frame()).isEqualTo("error");
            assertThat(frame.at("/data/code").asText()).as(reply.frame()).isEqualTo(code.name());
            assertThat(reply.outcome()).isEqualTo(code == ErrorCode.INTERNAL_ERROR ? Reply.Outcome.FAILED
                    : Reply.Outcome.REFUSED);
        });
        replies.forEach((code, reply) -> assertThat(ProtocolHarness.parse(reply.frame()).path("requestId").asText())
                .as("%s echoes the request id: %s", code, reply.frame())
                .isEqualTo(switch (code) {
                    case INTERNAL_ERROR -> "r9";
                    case RATE_LIMITED -> "r61";
                    default -> code.name();
                }));
        JsonNode limited = ProtocolHarness.parse(replies.get(ErrorCode.RATE_LIMITED).frame());
        assertThat(limited.path("requestId").asText()).isEqualTo("r61");
        assertThat(limited.at("/data/retryAfterMs").isIntegralNumber()).as(limited.toString()).isTrue();
        assertThat(limited.at("/data/retryAfterMs").asLong()).isBetween(1L, 50L);
        replies.forEach((code, reply) -> assertThat(ProtocolHarness.parse(reply.frame()).at("/data").has("retryAfterMs"))
                .as(code + " carries a wait only when rate limited").isEqualTo(code == ErrorCode.RATE_LIMITED));
    }

    @Test
    void every_rejection_of_the_core_has_an_error_code_of_the_same_name() {
        for (Rejection.Code code : Rejection.Code.values()) {
            assertThat(ErrorCode.of(code).name()).isEqualTo(code.name());
        }
    }

    @Test
    void a_refused_frame_echoes_its_request_id_when_it_can_be_read() {
        JsonNode error = harness.reply("a1", "{\"action\":\"dance\",\"requestId\":\"r-7\"}");

        assertThat(error.path("requestId").asText()).isEqualTo("r-7");
    }

    @Test
    void a_notification_is_encoded_as_the_frame_other_members_receive() {
        harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"pushed\"}");

        JsonNode pushed = ProtocolHarness.parse(ChatProtocol.frameOf(
                harness.pusher.deliveredTo(ConnectionId.of("b1")).get(0)));
        assertThat(pushed.path("type").asText()).isEqualTo("message");
        assertThat(pushed.at("/data/content").asText()).isEqualTo("pushed");
        assertThat(pushed.at("/data/senderId").asText()).isEqualTo("alice");
    }

    @Test
    void pages_hold_50_by_default_and_at_most_100() {
        for (int i = 0; i < 60; i++) {
            harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"m" + i + "\"}");
        }
        String page = "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"%s}";

        JsonNode byDefault = harness.reply("b1", page.formatted(""));
        JsonNode hundred = harness.reply("b1", page.formatted(",\"limit\":100"));
        JsonNode tooMany = harness.reply("b1", page.formatted(",\"limit\":101"));

        assertThat(byDefault.at("/data/messages")).hasSize(50);
        assertThat(byDefault.at("/data/nextCursor").isTextual()).isTrue();
        assertThat(hundred.at("/data/messages")).hasSize(61); // 60 and the room's "created" message
        assertThat(tooMany.at("/data/code").asText()).isEqualTo("INVALID_INPUT");
    }

    @Test
    void a_request_id_of_up_to_128_characters_is_echoed_and_a_longer_one_refused() {
        String longest = "r".repeat(128);

        JsonNode echoed = harness.reply("a1", "{\"action\":\"listRooms\",\"requestId\":\"" + longest + "\"}");
        JsonNode refused = harness.reply("a1", "{\"action\":\"listRooms\",\"requestId\":\"" + longest + "r\"}");

        assertThat(echoed.path("type").asText()).isEqualTo("rooms");
        assertThat(echoed.path("requestId").asText()).isEqualTo(longest);
        assertThat(refused.at("/data/code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(refused.has("requestId")).as("a refused id is not echoed").isFalse();
    }

    /** A connection store whose every call to its data fails, as an unreachable database would. */
    private static ConnectionStore failingConnections() {
        return (ConnectionStore) java.lang.reflect.Proxy.newProxyInstance(ConnectionStore.class.getClassLoader(),
                new Class<?>[] {ConnectionStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("frameAllowances")) {
                        return java.util.Optional.empty(); // what it offers, asked once when the chat is built
                    }
                    throw new IllegalStateException("the store is down");
                });
    }
}
