package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** {@code sendMessage} with {@code replyTo} and {@code mentions}: the frames carry them; bad ones are refused. */
class RepliesAndMentionsFramesTest {
    private final ProtocolHarness harness = new ProtocolHarness();

    @Test
    void the_sent_frame_carries_what_the_reply_answers_and_whom_it_mentions() {
        String room = harness.aliceAndBobInARoom();
        String question = harness.reply("b1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"lunch?\"}").at("/data/messageId").asText();

        JsonNode sent = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"yes @bob\",\"replyTo\":\"" + question + "\",\"mentions\":[\"bob\"]}");
        JsonNode history = harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");

        assertThat(sent.at("/data/replyTo").toString()).isEqualTo("{\"messageId\":\"" + question
                + "\",\"senderId\":\"bob\",\"preview\":\"lunch?\"}");
        assertThat(sent.at("/data/mentions").toString()).isEqualTo("[\"bob\"]");
        assertThat(history.at("/data/messages/0/replyTo/messageId").asText()).isEqualTo(question);
        assertThat(history.at("/data/messages/1").has("replyTo")).as("a message that answers none").isFalse();
        assertThat(history.at("/data/messages/1").has("mentions")).as("nor mentions anyone").isFalse();
        JsonNode bobsRooms = harness.reply("b1", "{\"action\":\"listRooms\"}").at("/data/rooms/0");
        assertThat(bobsRooms.path("unreadCount").asInt()).isEqualTo(1);
        assertThat(bobsRooms.path("mentionCount").asInt()).isEqualTo(1);
        assertThat(harness.reply("a1", "{\"action\":\"listRooms\"}").at("/data/rooms/0/mentionCount").asInt())
                .isZero();

        harness.reply("b1", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\""
                + question + "\"}");
        assertThat(harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/messages/0/replyTo").toString()).as("what it answered is deleted: no text")
                .isEqualTo("{\"messageId\":\"" + question + "\",\"senderId\":\"bob\",\"deleted\":true}");
    }

    @Test
    void a_bad_reply_or_mention_is_refused_with_its_code() {
        String room = harness.aliceAndBobInARoom();

        assertThat(code("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"x\","
                + "\"mentions\":[\"mallory\"]}")).isEqualTo("INVALID_INPUT");
        assertThat(code("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"x\","
                + "\"mentions\":\"bob\"}")).isEqualTo("INVALID_INPUT");
        assertThat(code("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"x\","
                + "\"replyTo\":\"not an id\"}")).isEqualTo("INVALID_INPUT");
        assertThat(code("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"x\","
                + "\"replyTo\":\"" + io.chatkit.core.domain.MessageId.of(java.time.Instant.parse(
                        "2020-01-01T00:00:00Z"), "none").value() + "\"}")).isEqualTo("UNKNOWN_MESSAGE");
    }

    private String code(String frame) {
        return harness.reply("a1", frame).at("/data/code").asText();
    }
}
