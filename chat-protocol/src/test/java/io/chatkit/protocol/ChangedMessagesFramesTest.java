package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import org.junit.jupiter.api.Test;

/** {@code editMessage}, {@code deleteMessage} and {@code getChanges}: their frames, and how history shows them. */
class ChangedMessagesFramesTest {
    private final ProtocolHarness harness = new ProtocolHarness();

    @Test
    void edit_and_delete_answer_and_push_their_frames_and_get_changes_lists_them_in_order() throws Exception {
        String room = harness.aliceAndBobInARoom();
        String start = harness.reply("b1", "{\"action\":\"getChanges\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/nextCursor").asText();
        String one = send(room, "helo");
        String two = send(room, "oops");
        harness.pusher.clear();

        JsonNode edited = harness.reply("a1", "{\"action\":\"editMessage\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + one + "\",\"content\":\"hello\",\"requestId\":\"e\"}");
        JsonNode deleted = harness.reply("a1", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + two + "\"}");
        JsonNode changes = harness.reply("b1", "{\"action\":\"getChanges\",\"chatRoomId\":\"" + room
                + "\",\"since\":\"" + start + "\"}");
        JsonNode history = harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");

        assertThat(edited.path("type").asText()).isEqualTo("messageEdited");
        assertThat(edited.path("requestId").asText()).isEqualTo("e");
        assertThat(edited.at("/data/content").asText()).isEqualTo("hello");
        assertThat(edited.at("/data/editedAt").asText()).isNotEmpty();
        assertThat(deleted.path("type").asText()).isEqualTo("messageDeleted");
        assertThat(deleted.at("/data").has("content")).isFalse();
        assertThat(harness.pusher.deliveredTo(ConnectionId.of("b1"), Notification.MessageChanged.class)).hasSize(2);
        assertThat(changes.at("/data/changes")).hasSize(2);
        assertThat(changes.at("/data/changes/0/type").asText()).isEqualTo("messageEdited");
        assertThat(changes.at("/data/changes/0/data/changeId").asText()).isEqualTo(edited.at("/data/changeId").asText());
        assertThat(changes.at("/data/changes/1/type").asText()).isEqualTo("messageDeleted");
        assertThat(changes.at("/data/nextCursor").asText()).isEqualTo(deleted.at("/data/changeId").asText());
        assertThat(history.at("/data/messages/0").toString()).isEqualTo("{\"messageId\":\"" + two
                + "\",\"chatRoomId\":\"" + room + "\",\"deleted\":true,\"deletedAt\":\""
                + deleted.at("/data/deletedAt").asText() + "\"}");
        assertThat(history.at("/data/messages/1/content").asText()).isEqualTo("hello");
        assertThat(history.at("/data/messages/1/editedAt").asText()).isEqualTo(edited.at("/data/editedAt").asText());
        JsonNode list = harness.reply("b1", "{\"action\":\"listRooms\"}").at("/data/rooms/0");
        assertThat(list.path("lastMessage").asText()).isEmpty();
        assertThat(list.path("lastMessageDeleted").asBoolean()).isTrue();
        assertThat(list.has("lastMessageEditedAt")).as("a deleted message is not shown edited").isFalse();
    }

    @Test
    void the_room_list_shows_an_edited_last_message_as_edited_until_a_new_one_comes() {
        String room = harness.aliceAndBobInARoom();
        String typo = send(room, "helo");

        JsonNode edited = harness.reply("a1", "{\"action\":\"editMessage\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + typo + "\",\"content\":\"hello\"}");
        JsonNode list = harness.reply("b1", "{\"action\":\"listRooms\"}").at("/data/rooms/0");
        send(room, "next");
        JsonNode after = harness.reply("b1", "{\"action\":\"listRooms\"}").at("/data/rooms/0");

        assertThat(list.path("lastMessage").asText()).isEqualTo("hello");
        assertThat(list.path("lastMessageEditedAt").asText()).isEqualTo(edited.at("/data/editedAt").asText());
        assertThat(after.path("lastMessage").asText()).isEqualTo("next");
        assertThat(after.has("lastMessageEditedAt")).isFalse();
    }

    @Test
    void someone_elses_message_an_unknown_one_and_a_bad_cursor_are_refused_with_their_codes() {
        String room = harness.aliceAndBobInARoom();
        String hers = send(room, "hers");

        assertThat(code("b1", "{\"action\":\"editMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + hers
                + "\",\"content\":\"his\"}")).isEqualTo("INVALID_INPUT");
        assertThat(code("b1", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + hers
                + "\"}")).isEqualTo("INVALID_INPUT");
        assertThat(code("a1", "{\"action\":\"editMessage\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + hers
                + "\"}")).isEqualTo("MISSING_FIELD");
        assertThat(code("a1", "{\"action\":\"getChanges\",\"chatRoomId\":\"" + room + "\",\"since\":\"x\"}"))
                .isEqualTo("INVALID_CURSOR");
        assertThat(code("a1", "{\"action\":\"getChanges\",\"chatRoomId\":\"" + room + "\",\"since\":\"1.1000\"}"))
                .as("a cursor from 1970").isEqualTo("CHANGES_EXPIRED");
    }

    @Test
    void a_reaction_answers_and_pushes_the_messages_reactions_and_history_carries_them() {
        String room = harness.aliceAndBobInARoom();
        String lunch = send(room, "lunch?");
        harness.pusher.clear();

        JsonNode reacted = harness.reply("b1", "{\"action\":\"react\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + lunch + "\",\"emoji\":\"👍\",\"on\":true}");
        JsonNode again = harness.reply("b1", "{\"action\":\"react\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + lunch + "\",\"emoji\":\"👍\",\"on\":true}");

        assertThat(reacted.path("type").asText()).isEqualTo("reactionsChanged");
        assertThat(reacted.at("/data/reactions").toString()).isEqualTo("[{\"emoji\":\"👍\",\"userIds\":[\"bob\"]}]");
        assertThat(reacted.at("/data/changeId").asText()).isNotEmpty();
        assertThat(again.at("/data").has("changeId")).as("nothing changed the second time").isFalse();
        assertThat(harness.pusher.deliveredTo(ConnectionId.of("a1"), Notification.MessageChanged.class)).hasSize(1);
        assertThat(harness.reply("a1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/messages/0/reactions/0/userIds/0").asText()).isEqualTo("bob");
        assertThat(code("b1", "{\"action\":\"react\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + lunch
                + "\",\"emoji\":\"ok\",\"on\":true}")).isEqualTo("INVALID_INPUT");
        assertThat(code("b1", "{\"action\":\"react\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + lunch
                + "\",\"emoji\":\"👍\",\"on\":\"yes\"}")).isEqualTo("INVALID_INPUT");
        assertThat(code("b1", "{\"action\":\"react\",\"chatRoomId\":\"" + room + "\",\"messageId\":\"" + lunch
                + "\",\"emoji\":\"👍\"}")).isEqualTo("MISSING_FIELD");
    }

    private String send(String room, String text) {
        return harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"" + text
                + "\"}").at("/data/messageId").asText();
    }

    private String code(String connection, String frame) {
        return harness.reply(connection, frame).at("/data/code").asText();
    }
}
