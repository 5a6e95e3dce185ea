package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The blocking actions' frames, and history marking a blocked sender's messages for the blocker alone. */
class BlockingFramesTest {
    private final ProtocolHarness harness = new ProtocolHarness();

    @Test
    void block_unblock_and_list_answer_with_the_user_ids() {
        harness.connect("alice", "a1");

        JsonNode blocked = harness.reply("a1", "{\"action\":\"blockUser\",\"userId\":\"bob\",\"requestId\":\"b\"}");
        harness.reply("a1", "{\"action\":\"blockUser\",\"userId\":\"carol\"}");
        JsonNode unblocked = harness.reply("a1", "{\"action\":\"unblockUser\",\"userId\":\"carol\"}");
        JsonNode list = harness.reply("a1", "{\"action\":\"listBlocked\",\"requestId\":\"l\"}");

        assertThat(blocked.path("type").asText()).isEqualTo("userBlocked");
        assertThat(blocked.at("/data/userId").asText()).isEqualTo("bob");
        assertThat(blocked.path("requestId").asText()).isEqualTo("b");
        assertThat(unblocked.path("type").asText()).isEqualTo("userUnblocked");
        assertThat(unblocked.at("/data/userId").asText()).isEqualTo("carol");
        assertThat(list.path("type").asText()).isEqualTo("blocked");
        assertThat(list.at("/data/userIds").toString()).isEqualTo("[\"bob\"]");
    }

    @Test
    void a_blocked_senders_messages_are_marked_in_the_blockers_history_only() {
        harness.connect("alice", "a1");
        harness.connect("bob", "b1");
        harness.connect("carol", "c1");
        String room = harness.reply("c1", "{\"action\":\"createRoom\",\"participantIds\":[\"alice\",\"bob\"],"
                + "\"name\":\"three\"}").at("/data/chatRoomId").asText();
        harness.reply("a1", "{\"action\":\"blockUser\",\"userId\":\"bob\"}");
        harness.reply("b1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"hi\"}");
        harness.reply("c1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"hey\"}");

        JsonNode forAlice = harness.reply("a1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
        JsonNode forCarol = harness.reply("c1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");

        assertThat(forAlice.at("/data/messages/0/content").asText()).isEqualTo("hey");
        assertThat(forAlice.at("/data/messages/0/blocked").isMissingNode()).isTrue();
        assertThat(forAlice.at("/data/messages/1/content").asText()).isEqualTo("hi");
        assertThat(forAlice.at("/data/messages/1/blocked").asBoolean()).isTrue();
        assertThat(forCarol.at("/data/messages/1/blocked").isMissingNode()).as("carol blocked nobody").isTrue();
    }

    @Test
    void blocking_oneself_or_without_a_user_id_is_refused() {
        harness.connect("alice", "a1");

        assertThat(harness.reply("a1", "{\"action\":\"blockUser\",\"userId\":\"alice\"}").at("/data/code").asText())
                .isEqualTo("INVALID_INPUT");
        assertThat(harness.reply("a1", "{\"action\":\"blockUser\"}").at("/data/code").asText())
                .isEqualTo("MISSING_FIELD");
        assertThat(harness.reply("a1", "{\"action\":\"listBlocked\"}").at("/data/userIds").size()).isZero();
    }
}
