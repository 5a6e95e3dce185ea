package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code markUnread} answers {@code unread} with the count; the caller's other connections get it pushed. */
class MarkUnreadFramesTest {
    private final ProtocolHarness harness = new ProtocolHarness();

    @Test
    void mark_unread_answers_the_count_and_tells_the_callers_other_tabs() throws Exception {
        String room = harness.aliceAndBobInARoom();
        ConnectionId bobPhone = harness.connect("bob", "b2");
        String first = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"one\"}").at("/data/messageId").asText();
        String second = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"two\"}").at("/data/messageId").asText();
        harness.reply("b1", "{\"action\":\"markRead\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + second + "\"}");
        harness.pusher.clear();

        JsonNode unread = harness.reply("b1", "{\"action\":\"markUnread\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + first + "\",\"requestId\":\"u\"}");

        assertThat(unread.toString()).isEqualTo("{\"type\":\"unread\",\"data\":{\"chatRoomId\":\"" + room
                + "\",\"unreadCount\":2},\"requestId\":\"u\"}");
        assertThat(harness.pusher.deliveredTo(bobPhone, Notification.MarkedUnread.class)).hasSize(1);
        assertThat(ProtocolHarness.parse(ChatProtocol.frameOf(harness.pusher.deliveredTo(bobPhone).get(0))).toString())
                .isEqualTo("{\"type\":\"unread\",\"data\":{\"chatRoomId\":\"" + room + "\",\"unreadCount\":2}}");
    }

    @Test
    void a_missing_field_or_an_unknown_message_is_refused() {
        String room = harness.aliceAndBobInARoom();

        assertThat(harness.reply("b1", "{\"action\":\"markUnread\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/code").asText()).isEqualTo("MISSING_FIELD");
        String missing = MessageId.of(Instant.parse("2020-01-01T00:00:00Z"), "missing").value();
        assertThat(harness.reply("b1", "{\"action\":\"markUnread\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + missing + "\"}").at("/data/code").asText()).isEqualTo("UNKNOWN_MESSAGE");
        assertThat(harness.reply("b1", "{\"action\":\"markUnread\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"not an id\"}").at("/data/code").asText()).isEqualTo("INVALID_INPUT");
    }
}
