package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code typing} answers nothing unless refused; the {@code typing} and {@code presence} pushes; the room list's presence. */
class LiveSignalFramesTest {
    private final ProtocolHarness harness = new ProtocolHarness();

    @Test
    void typing_answers_nothing_and_a_refused_one_answers_its_error_with_the_request_id() {
        String room = harness.aliceAndBobInARoom();
        harness.connect("carol", "c1");

        Reply typing = harness.send("a1", "{\"action\":\"typing\",\"chatRoomId\":\"" + room + "\",\"requestId\":\"t\"}");
        JsonNode stranger = harness.reply("c1", "{\"action\":\"typing\",\"chatRoomId\":\"" + room
                + "\",\"requestId\":\"s\"}");
        JsonNode missing = harness.reply("a1", "{\"action\":\"typing\"}");

        assertThat(typing.outcome()).isEqualTo(Reply.Outcome.ANSWERED);
        assertThat(typing.hasFrame()).isFalse();
        assertThat(typing.action()).contains("typing");
        assertThat(stranger.at("/data/code").asText()).isEqualTo("NOT_A_MEMBER");
        assertThat(stranger.path("requestId").asText()).isEqualTo("s");
        assertThat(missing.at("/data/code").asText()).isEqualTo("MISSING_FIELD");
    }

    @Test
    void the_typing_and_presence_pushes_say_who_where_and_since_when() throws Exception {
        JsonNode typing = ProtocolHarness.parse(ChatProtocol.frameOf(
                new Notification.Typing(RoomId.of("r1"), UserId.of("alice"))));
        JsonNode offline = ProtocolHarness.parse(ChatProtocol.frameOf(new Notification.PresenceChanged(
                UserId.of("alice"), false, Optional.of(Instant.parse("2026-12-05T10:00:00Z")))));
        JsonNode online = ProtocolHarness.parse(ChatProtocol.frameOf(new Notification.PresenceChanged(
                UserId.of("alice"), true, Optional.empty())));

        assertThat(typing.toString()).isEqualTo("{\"type\":\"typing\",\"data\":{\"chatRoomId\":\"r1\","
                + "\"userId\":\"alice\"}}");
        assertThat(offline.toString()).isEqualTo("{\"type\":\"presence\",\"data\":{\"userId\":\"alice\","
                + "\"online\":false,\"lastSeenAt\":\"2026-12-05T10:00:00Z\"}}");
        assertThat(online.toString()).isEqualTo("{\"type\":\"presence\",\"data\":{\"userId\":\"alice\","
                + "\"online\":true}}");
    }

    @Test
    void the_room_list_says_which_other_members_are_online() {
        String room = harness.aliceAndBobInARoom();

        JsonNode rooms = harness.reply("a1", "{\"action\":\"listRooms\"}").at("/data/rooms");

        assertThat(rooms.get(0).path("chatRoomId").asText()).isEqualTo(room);
        assertThat(rooms.get(0).path("online").toString()).isEqualTo("[\"bob\"]");
        assertThat(rooms.get(0).has("lastSeenAt")).as("online: no last-seen time").isFalse();
    }
}
