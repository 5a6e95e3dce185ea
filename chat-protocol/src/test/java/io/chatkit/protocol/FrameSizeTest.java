package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * API Gateway refuses any message over 128 KB, so no reply may pass it, however large what a page holds:
 * pages are cut by size as well as by count, and paging through still returns every item exactly once.
 */
class FrameSizeTest {
    /**
     * 5,000 emoji: the longest content in bytes, 4 each in UTF-8 (control characters, 6 bytes each once escaped, are
     * refused as content; the characters JSON escapes that remain take 2).
     */
    private static final String WORST_CONTENT_ESCAPED = "\uD83D\uDE00".repeat(5_000);

    private final ProtocolHarness harness = new ProtocolHarness();
    private final String room = harness.aliceAndBobInARoom();

    @Test
    void a_page_of_100_of_the_largest_messages_is_cut_below_128_kb_and_paging_returns_each_once() {
        List<String> sent = sendWorstMessages(100);

        JsonNode first = replyWithinLimit("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room
                + "\",\"limit\":100}");
        assertThat(first.at("/data/messages").size()).as("cut by size, not by count").isBetween(1, 99);
        assertThat(first.at("/data/nextCursor").isTextual()).isTrue();

        List<String> seen = new ArrayList<>();
        JsonNode page = first;
        while (true) {
            page.at("/data/messages").forEach(m -> seen.add(m.path("messageId").asText()));
            if (!page.at("/data/nextCursor").isTextual()) {
                break;
            }
            page = replyWithinLimit("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room
                    + "\",\"limit\":100,\"before\":\"" + page.at("/data/nextCursor").asText() + "\"}");
        }
        assertThat(seen).doesNotHaveDuplicates().hasSize(101).containsAll(sent);
    }

    @Test
    void catching_up_after_a_message_is_cut_below_128_kb_and_continuing_returns_each_once() {
        String before = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"before\"}").at("/data/messageId").asText();
        List<String> sent = sendWorstMessages(20);

        List<String> seen = new ArrayList<>();
        String after = before;
        for (int pages = 0; ; pages++) {
            JsonNode page = replyWithinLimit("b1", "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room
                    + "\",\"limit\":100,\"after\":\"" + after + "\"}");
            if (page.at("/data/messages").isEmpty()) {
                assertThat(pages).as("more than one page was needed").isGreaterThan(1);
                break;
            }
            page.at("/data/messages").forEach(m -> seen.add(m.path("messageId").asText()));
            after = seen.get(seen.size() - 1);
        }
        assertThat(seen).containsExactlyElementsOf(sent);
    }

    @Test
    void a_list_of_25_rooms_of_49_long_member_ids_is_cut_below_128_kb_and_paging_returns_each_once() {
        List<String> rooms = new ArrayList<>(List.of(room));
        for (int r = 0; r < 25; r++) {
            int roomNumber = r;
            String members = IntStream.range(0, 49)
                    .mapToObj(m -> "\"" + ("r" + roomNumber + "m" + m + "-").repeat(40).substring(0, 128) + "\"")
                    .collect(Collectors.joining(","));
            rooms.add(harness.reply("a1", "{\"action\":\"createRoom\",\"participantIds\":[" + members + "]}")
                    .at("/data/chatRoomId").asText());
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = replyWithinLimit("a1", "{\"action\":\"listRooms\",\"limit\":100"
                    + (cursor == null ? "" : ",\"cursor\":\"" + cursor + "\"") + "}");
            pages++;
            page.at("/data/rooms").forEach(r -> seen.add(r.path("chatRoomId").asText()));
            cursor = page.at("/data/nextCursor").isTextual() ? page.at("/data/nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(pages).isGreaterThan(1);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(rooms);
    }

    private List<String> sendWorstMessages(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode sent = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                    + "\",\"content\":\"" + WORST_CONTENT_ESCAPED + "\"}");
            assertThat(sent.path("type").asText()).as(sent.toString()).isEqualTo("sent");
            ids.add(sent.at("/data/messageId").asText());
        }
        return ids;
    }

    private JsonNode replyWithinLimit(String connection, String frame) {
        Reply reply = harness.send(connection, frame);
        assertThat(reply.frame().getBytes(StandardCharsets.UTF_8).length).as("reply bytes")
                .isLessThanOrEqualTo(ChatProtocol.MAX_FRAME_BYTES);
        JsonNode parsed = ProtocolHarness.parse(reply.frame());
        assertThat(parsed.path("type").asText()).as(reply.frame().substring(0, Math.min(200, reply.frame().length())))
                .isIn("messages", "rooms");
        return parsed;
    }
}
