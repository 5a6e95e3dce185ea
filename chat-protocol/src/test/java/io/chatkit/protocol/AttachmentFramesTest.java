package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code requestUpload}, {@code sendMessage} with {@code attachments}, {@code getAttachmentUrl}: their frames. */
class AttachmentFramesTest {
    private static final byte[] PDF = "%PDF-1.4 the minutes".getBytes(StandardCharsets.UTF_8);
    private final ProtocolHarness harness = new ProtocolHarness();
    private final String room = harness.aliceAndBobInARoom();

    private JsonNode requestUpload(String connection, String inRoom, String fileName, String type, long size) {
        return harness.reply(connection, "{\"action\":\"requestUpload\",\"chatRoomId\":\"" + inRoom
                + "\",\"fileName\":\"" + fileName + "\",\"contentType\":\"" + type + "\",\"size\":" + size + "}");
    }

    /** Granted and uploaded as a client does it: the bytes to the signed URL. */
    private String uploaded(String connection, String inRoom, String fileName, byte[] bytes) {
        JsonNode granted = requestUpload(connection, inRoom, fileName, "application/pdf", bytes.length);
        int status = harness.blobs.receive(URI.create(granted.at("/data/uploadUrl").asText()),
                granted.at("/data/headers/Content-Type").asText(), bytes).status();
        assertThat(status).as(granted.toString()).isEqualTo(200);
        return granted.at("/data/attachmentId").asText();
    }

    private String code(String connection, String frame) {
        return harness.reply(connection, frame).at("/data/code").asText();
    }

    private String sendWith(String attachment) {
        return "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"attachments\":[\"" + attachment + "\"]}";
    }

    @Test
    void an_upload_is_granted_then_sent_without_text_and_both_sides_get_the_file_with_a_download_url() {
        JsonNode granted = requestUpload("a1", room, "minutes été.pdf", "application/pdf", PDF.length);
        assertThat(granted.path("type").asText()).isEqualTo("uploadGranted");
        assertThat(granted.at("/data/method").asText()).isEqualTo("PUT");
        assertThat(granted.at("/data/headers/Content-Type").asText()).isEqualTo("application/pdf");
        assertThat(granted.at("/data/expiresAt").asText()).isNotEmpty();
        harness.blobs.receive(URI.create(granted.at("/data/uploadUrl").asText()), "application/pdf", PDF);
        String attachment = granted.at("/data/attachmentId").asText();

        JsonNode sent = harness.reply("a1", sendWith(attachment));

        assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
        assertThat(sent.at("/data/content").asText()).isEmpty();
        JsonNode file = sent.at("/data/attachments/0");
        assertThat(file.path("attachmentId").asText()).isEqualTo(attachment);
        assertThat(file.path("fileName").asText()).isEqualTo("minutes été.pdf");
        assertThat(file.path("contentType").asText()).isEqualTo("application/pdf");
        assertThat(file.path("size").asLong()).isEqualTo(PDF.length);
        assertThat(file.path("url").asText()).contains("/blobs/");
        assertThat(file.path("urlExpiresAt").asText()).isNotEmpty();
        Notification pushed = harness.pusher.deliveredTo(ConnectionId.of("b1"), Notification.MessagePosted.class)
                .get(0);
        JsonNode push = ProtocolHarness.parse(ChatProtocol.frameOf(pushed));
        assertThat(push.at("/data/attachments/0/url").asText()).startsWith("http://127.0.0.1:");
        JsonNode history = harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
        assertThat(history.at("/data/messages/0/attachments/0/fileName").asText()).isEqualTo("minutes été.pdf");
        assertThat(harness.reply("b1", "{\"action\":\"listRooms\"}").at("/data/rooms/0/lastMessage").asText())
                .isEqualTo("📎 minutes été.pdf");

        JsonNode renewed = harness.reply("b1", "{\"action\":\"getAttachmentUrl\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + sent.at("/data/messageId").asText() + "\",\"attachmentId\":\""
                + attachment + "\"}");
        assertThat(renewed.path("type").asText()).isEqualTo("attachmentUrl");
        assertThat(renewed.at("/data/url").asText()).contains("/blobs/");
        assertThat(renewed.at("/data/expiresAt").asText()).isNotEmpty();
    }

    @Test
    void a_deleted_message_takes_its_files_with_it() throws Exception {
        String minutes = uploaded("a1", room, "minutes.pdf", PDF);
        JsonNode sent = harness.reply("a1", sendWith(minutes));
        URI download = URI.create(sent.at("/data/attachments/0/url").asText());
        assertThat(harness.blobs.serve(download).size()).isEqualTo(PDF.length);

        JsonNode deleted = harness.reply("a1", "{\"action\":\"deleteMessage\",\"chatRoomId\":\"" + room
                + "\",\"messageId\":\"" + sent.at("/data/messageId").asText() + "\"}");

        assertThat(deleted.path("type").asText()).isEqualTo("messageDeleted");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> harness.blobs.serve(download))
                .isInstanceOfSatisfying(io.chatkit.adapter.inmemory.FolderBlobStore.Refused.class,
                        refused -> assertThat(refused.answer().status()).isEqualTo(404));
        assertThat(code("b1", "{\"action\":\"getAttachmentUrl\",\"chatRoomId\":\"" + room + "\",\"messageId\":\""
                + sent.at("/data/messageId").asText() + "\",\"attachmentId\":\"" + minutes + "\"}"))
                .isEqualTo("UNKNOWN_ATTACHMENT");
    }

    @Test
    void a_type_not_allowed_a_file_too_large_and_a_stranger_are_refused_before_anything_is_signed() {
        harness.connect("eve", "e1");

        assertThat(requestUpload("a1", room, "x.svg", "image/svg+xml", 10).at("/data/code").asText())
                .isEqualTo("INVALID_INPUT");
        assertThat(requestUpload("a1", room, "big.pdf", "application/pdf", 25L * 1024 * 1024 + 1)
                .at("/data/code").asText()).isEqualTo("INVALID_INPUT");
        assertThat(requestUpload("a1", room, "../etc/passwd", "application/pdf", 10).at("/data/code").asText())
                .isEqualTo("INVALID_INPUT");
        assertThat(requestUpload("e1", room, "a.pdf", "application/pdf", 10).at("/data/code").asText())
                .isEqualTo("NOT_A_MEMBER");
        assertThat(code("a1", "{\"action\":\"requestUpload\",\"chatRoomId\":\"" + room + "\",\"fileName\":\"a.pdf\","
                + "\"contentType\":\"application/pdf\",\"size\":\"10\"}")).isEqualTo("INVALID_INPUT");
    }

    @Test
    void a_file_not_uploaded_someone_elses_another_rooms_or_one_sent_already_is_an_unknown_attachment() {
        String granted = requestUpload("a1", room, "later.pdf", "application/pdf", PDF.length)
                .at("/data/attachmentId").asText();
        String hers = uploaded("a1", room, "hers.pdf", PDF);
        harness.connect("carol", "c1");
        String other = harness.reply("a1", "{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}")
                .at("/data/chatRoomId").asText();
        String elsewhere = uploaded("a1", other, "elsewhere.pdf", PDF);

        assertThat(code("a1", sendWith(granted))).as("not uploaded").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(code("a1", sendWith("../" + hers))).as("a path").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(code("a1", sendWith("x:y"))).as("no id the chat gives").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(code("b1", sendWith(hers))).as("alice's").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(code("a1", sendWith(elsewhere))).as("another room's").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(harness.reply("a1", sendWith(hers)).path("type").asText()).isEqualTo("sent");
        assertThat(code("a1", sendWith(hers))).as("sent already").isEqualTo("UNKNOWN_ATTACHMENT");
        assertThat(harness.reply("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}")
                .at("/data/messages").size()).as("one message stored, and the room's first").isEqualTo(2);
    }

    @Test
    void a_refused_send_takes_none_of_its_files_and_a_client_message_id_is_for_one_set_of_files() {
        String agenda = uploaded("a1", room, "agenda.pdf", PDF);
        String minutes = uploaded("a1", room, "minutes.pdf", PDF);
        harness.reply("a1", sendWith(minutes));

        String both = "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"attachments\":[\"" + agenda
                + "\",\"" + minutes + "\"]}";
        assertThat(code("a1", both)).as("minutes went already").isEqualTo("UNKNOWN_ATTACHMENT");
        JsonNode retried = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"clientMessageId\":\"c-1\",\"attachments\":[\"" + agenda + "\"]}");
        assertThat(retried.path("type").asText()).as("the agenda was given back").isEqualTo("sent");
        String other = uploaded("a1", room, "other.pdf", PDF);
        assertThat(code("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"clientMessageId\":\"c-1\",\"attachments\":[\"" + other + "\"]}"))
                .as("the same client message id, other files").isEqualTo("INVALID_INPUT");
        assertThat(harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"clientMessageId\":\"c-1\",\"attachments\":[\"" + agenda + "\"]}").at("/data/duplicate")
                .asBoolean()).as("a retry").isTrue();
    }

    @Test
    void an_upload_of_another_size_than_granted_is_refused_by_the_store() {
        JsonNode granted = requestUpload("a1", room, "a.pdf", "application/pdf", PDF.length);

        int status = harness.blobs.receive(URI.create(granted.at("/data/uploadUrl").asText()), "application/pdf",
                "%PDF-1.4 the minutes, longer".getBytes(StandardCharsets.UTF_8)).status();

        assertThat(status).isEqualTo(403);
        assertThat(code("a1", sendWith(granted.at("/data/attachmentId").asText()))).isEqualTo("UNKNOWN_ATTACHMENT");
    }

    @Test
    void a_user_has_an_hourly_allowance_of_uploads_and_of_their_megabytes() {
        ProtocolHarness limited = ProtocolHarness.withAttachmentRules(
                io.chatkit.core.service.AttachmentRules.DEFAULTS.withUploadsPerHour(3, 30));
        String limitedRoom = limited.aliceAndBobInARoom();
        java.util.function.LongFunction<JsonNode> upload = size -> limited.reply("a1", "{\"action\":\"requestUpload\","
                + "\"chatRoomId\":\"" + limitedRoom + "\",\"fileName\":\"scan.pdf\",\"contentType\":\"application/pdf\","
                + "\"size\":" + size + "}");
        long twentyMegabytes = 20L * 1024 * 1024;

        assertThat(upload.apply(twentyMegabytes).path("type").asText()).isEqualTo("uploadGranted");
        JsonNode tooManyMegabytes = upload.apply(twentyMegabytes);
        assertThat(upload.apply(1024).path("type").asText()).as("a small one still fits").isEqualTo("uploadGranted");
        JsonNode tooMany = upload.apply(1024);

        assertThat(tooManyMegabytes.at("/data/code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(tooManyMegabytes.at("/data/message").asText()).contains("megabytes");
        assertThat(tooManyMegabytes.at("/data/retryAfterMs").asLong()).isPositive();
        assertThat(tooMany.at("/data/code").asText()).as("the 4th of 3 an hour").isEqualTo("RATE_LIMITED");
        assertThat(tooMany.at("/data/message").asText()).contains("uploads");
    }

    @Test
    void without_files_a_message_needs_its_text() {
        assertThat(code("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\"}"))
                .isEqualTo("MISSING_FIELD");
        assertThat(code("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"\"}"))
                .isEqualTo("INVALID_INPUT");
        assertThat(code("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"attachments\":[]}"))
                .isEqualTo("MISSING_FIELD");
    }
}
