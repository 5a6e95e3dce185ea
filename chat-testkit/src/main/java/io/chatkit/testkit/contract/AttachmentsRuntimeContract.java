package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.websocket.ChatClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatRuntimeContract}'s attachments: a file granted, uploaded over HTTP to the URL the runtime signed (to S3,
 * or to the runtime's own {@code /blobs/}), sent with a message and downloaded by the other member; and every way
 * an upload or a send of a file that is not as granted, or too late, is refused. The last needs a runtime whose
 * clock can leap ({@link #letTimePass}).
 */
public abstract class AttachmentsRuntimeContract extends RuntimeUnderLoadContract {
    @Test
    void a_file_is_granted_uploaded_over_http_sent_and_downloaded_by_the_other_member() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            JsonNode granted = requestUpload(alice, room, "cat.png", "image/png", PNG.length);
            assertThat(upload(granted, "image/png", PNG)).as(granted.toString()).isEqualTo(200);

            alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"look\","
                    + "\"attachments\":[\"" + granted.at("/data/attachmentId").asText() + "\"]}");

            JsonNode file = bob.await(frame -> frame.path("type").asText().equals("message")
                    && frame.at("/data/content").asText().equals("look")).at("/data/attachments/0");
            assertThat(file.path("fileName").asText()).isEqualTo("cat.png");
            HttpResponse<byte[]> downloaded = HTTP.send(HttpRequest.newBuilder(URI.create(file.path("url").asText()))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(downloaded.statusCode()).isEqualTo(200);
            assertThat(downloaded.body()).isEqualTo(PNG);
            assertThat(downloaded.headers().firstValue("Content-Type")).contains("image/png");
        }
    }

    @Test
    void an_upload_not_as_granted_is_refused_and_a_file_goes_with_one_message_of_its_uploader_in_its_room_only()
            throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            JsonNode granted = requestUpload(alice, room, "cat.png", "image/png", PNG.length);
            String attachment = granted.at("/data/attachmentId").asText();
            String sendIt = "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"attachments\":[\""
                    + attachment + "\"]}";

            assertThat(upload(granted, "image/png", Arrays.copyOf(PNG, PNG.length + 1)))
                    .as("another size").isEqualTo(403);
            assertThat(upload(granted, "text/html", PNG)).as("another type").isEqualTo(403);
            assertThat(alice.request(sendIt).at("/data/code").asText()).as("nothing uploaded")
                    .isEqualTo("UNKNOWN_ATTACHMENT");
            assertThat(upload(granted, "image/png", PNG)).isEqualTo(200);
            assertThat(bob.request(sendIt).at("/data/code").asText()).as("alice's file")
                    .isEqualTo("UNKNOWN_ATTACHMENT");
            String elsewhere = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"carol\"]}")
                    .at("/data/chatRoomId").asText();
            JsonNode otherRoomsFile = requestUpload(alice, elsewhere, "dog.png", "image/png", PNG.length);
            assertThat(upload(otherRoomsFile, "image/png", PNG)).isEqualTo(200);
            assertThat(alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"attachments\":[\"" + otherRoomsFile.at("/data/attachmentId").asText() + "\"]}")
                    .at("/data/code").asText())
                    .as("another room's file").isEqualTo("UNKNOWN_ATTACHMENT");
            assertThat(alice.request(sendIt).path("type").asText()).isEqualTo("sent");
            assertThat(alice.request(sendIt).at("/data/code").asText()).as("sent already")
                    .isEqualTo("UNKNOWN_ATTACHMENT");

            JsonNode history = bob.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
            assertThat(history.at("/data/messages").size()).as("the file's message and the room's first only")
                    .isEqualTo(2);
        }
    }

    @Test
    void an_upload_after_its_grant_expired_is_refused_and_its_send_stores_nothing() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient bob = signIn("bob")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            JsonNode granted = requestUpload(alice, room, "late.png", "image/png", PNG.length);
            Instant expiresAt = Instant.parse(granted.at("/data/expiresAt").asText());

            letTimePass(Duration.between(Instant.now(), expiresAt).plusSeconds(2));

            assertThat(upload(granted, "image/png", PNG)).as("an upload after " + expiresAt).isEqualTo(403);
            assertThat(alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"too late\",\"attachments\":[\"" + granted.at("/data/attachmentId").asText()
                    + "\"]}").at("/data/code").asText()).isEqualTo("UNKNOWN_ATTACHMENT");
            JsonNode history = bob.request("{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\"}");
            assertThat(history.at("/data/messages").size()).as("the room's first message only").isEqualTo(1);
        }
    }

    /** A 12-byte PNG signature and header start, enough for the stores, which never look inside. */
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13};
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static JsonNode requestUpload(ChatClient client, String room, String fileName, String type, long size) {
        return client.request("{\"action\":\"requestUpload\",\"chatRoomId\":\"" + room + "\",\"fileName\":\""
                + fileName + "\",\"contentType\":\"" + type + "\",\"size\":" + size + "}");
    }

    /** Makes the granted upload as a browser would, with {@code type} as its Content-Type; the status answered. */
    private static int upload(JsonNode granted, String type, byte[] bytes) throws Exception {
        HttpRequest.Builder upload = HttpRequest.newBuilder(URI.create(granted.at("/data/uploadUrl").asText()))
                .method(granted.at("/data/method").asText(), HttpRequest.BodyPublishers.ofByteArray(bytes));
        granted.at("/data/headers").fields().forEachRemaining(header -> upload.header(header.getKey(),
                header.getKey().equalsIgnoreCase("Content-Type") ? type : header.getValue().asText()));
        return HTTP.send(upload.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
