package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Frames written by an attacker against the JSON reading: each is refused with its code and changes nothing,
 * or — where the odd part is in a field nobody reads — answered as if the field were not there. Never a
 * failure on our side.
 */
class HostileJsonTest {
    private ProtocolHarness harness;
    private String room;

    @BeforeEach
    void aliceAndBobShareARoom() {
        harness = new ProtocolHarness();
        room = harness.aliceAndBobInARoom();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"listRooms\",\"action\":\"sendMessage\"}",
            "{\"action\":\"listRooms\",\"limit\":1,\"limit\":2}",
            "{\"requestId\":\"a\",\"requestId\":\"b\",\"action\":\"listRooms\"}",
            "{\"action\":\"listRooms\",\"x\":{\"k\":1,\"k\":2}}",
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"a\",\"content\":\"b\"}"})
    void duplicate_keys_are_refused_as_invalid_json(String frame) {
        assertRefused(frame.replace("ROOM", room), ErrorCode.INVALID_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"listRooms\",\"limit\":1e9999999999}",
            "{\"action\":\"listRooms\",\"limit\":1.5}",
            "{\"action\":\"listRooms\",\"limit\":1e2}",
            "{\"action\":\"listRooms\",\"limit\":123456789012345678901234567890}",
            "{\"action\":\"listRooms\",\"limit\":-2147483649}"})
    void a_number_a_field_cannot_take_is_refused_as_invalid_input(String frame) {
        assertRefused(frame, ErrorCode.INVALID_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"listRooms\",\"x\":1e9999999999}",
            "{\"action\":\"listRooms\",\"x\":-1.7976931348623157e309}",
            "{\"action\":\"listRooms\",\"x\":0.000000000000000000000000001}",
            "{\"action\":\"listRooms\",\"x\":[1e400,-0,0e0]}",
            "{\"action\":\"listRooms\",\"x\":{\"y\":12345678901234567890123456789012}}"})
    void a_number_in_a_field_nobody_reads_is_ignored(String frame) {
        JsonNode reply = harness.reply("a1", frame);

        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("rooms");
        assertThat(reply.at("/data/rooms")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"\\ud800\"}",
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"a\\udc00b\"}",
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"\\udc00\\ud800\"}",
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"ends high \\ud83d\"}",
            "{\"action\":\"sendMessage\",\"\\ud800\":1,\"chatRoomId\":\"ROOM\",\"content\":\"name\"}",
            "{\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"raw \ud800 char\"}"})
    void an_unpaired_surrogate_anywhere_is_refused_as_invalid_input_before_anything_is_stored(String frame) {
        assertRefused(frame.replace("ROOM", room), ErrorCode.INVALID_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u+041", "\\u-041", "\\u004", "\\x41", "\\U0041"})
    void escapes_that_json_does_not_have_are_refused_as_invalid_json(String escape) {
        assertRefused("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"" + escape + "\"}",
                ErrorCode.INVALID_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\\u0041", "\\ud83d\\ude00", "\\n", "\\/", "\\\\"})
    void the_escapes_json_has_are_read(String escape) {
        JsonNode reply = harness.reply("a1", "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                + "\",\"content\":\"x" + escape + "\"}");

        assertThat(reply.path("type").asText()).as(reply.toString()).isEqualTo("sent");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"action\":\"listRooms\"} {}",
            "{\"action\":\"listRooms\"",
            "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            "{\"action\":\"listRooms\",\"x\":[[[[[[[[[[[[]]]]]]]]]]]]}",
            "{'action':'listRooms'}"})
    void trailing_content_deep_nesting_and_single_quotes_are_refused_as_invalid_json(String frame) {
        assertRefused(frame, ErrorCode.INVALID_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"requestId\":\"q1\",\"action\":\"listRooms\",\"action\":\"sendMessage\"}|INVALID_JSON",
            "{\"action\":\"listRooms\",\"x\":1,\"x\":2,\"requestId\":\"q1\"}|INVALID_JSON",
            "{\"action\":\"listRooms\",\"requestId\":\"q1\",\"x\":{\"k\":1,\"k\":2}}|INVALID_JSON",
            "{\"requestId\":\"q1\",\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"\\ud800\"}|INVALID_INPUT",
            "{\"requestId\":\"q1\",\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"raw \ud800\"}|INVALID_INPUT",
            "{\"requestId\":\"q1\",\"action\":\"sendMessage\",\"chatRoomId\":\"ROOM\",\"content\":\"\\u004\"}|INVALID_JSON",
            "{\"requestId\":\"q1\",\"action\":\"listRooms\",\"x\":[[[[[[[[[[[[]]]]]]]]]]]]}|INVALID_JSON",
            "{\"requestId\":\"q1\",\"action\":\"listRooms\"} {}|INVALID_JSON",
            "{\"requestId\":\"q1\",\"action\":\"listRooms\"|INVALID_JSON"})
    void a_request_id_that_can_be_read_leniently_is_echoed_with_the_refusal(String frameAndCode) {
        String[] parts = frameAndCode.split("\\|");

        JsonNode error = assertRefused(parts[0].replace("ROOM", room), ErrorCode.valueOf(parts[1]));

        assertThat(error.path("requestId").asText()).as(error.toString()).isEqualTo("q1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"content\":\"\\u004\",\"requestId\":\"q1\"}",
            "{\"requestId\":\"\\ud800\",\"action\":\"listRooms\",\"x\":1,\"x\":2}",
            "[{\"requestId\":\"q1\"}]"})
    void a_request_id_after_the_fault_or_not_text_cannot_be_read_and_is_not_invented(String frame) {
        Reply reply = harness.send("a1", frame);

        assertThat(reply.outcome()).isEqualTo(Reply.Outcome.REFUSED);
        assertThat(ProtocolHarness.parse(reply.frame()).has("requestId")).as(reply.frame()).isFalse();
    }

    /** The limits exactly: 8 levels of nesting pass and 9 do not; a number of 32 characters passes and 33 do not. */
    @org.junit.jupiter.api.Test
    void nesting_deeper_than_8_and_numbers_longer_than_32_characters_are_refused_exactly_at_the_limit() {
        String depth8 = "{\"action\":\"listRooms\",\"x\":" + "[".repeat(7) + "]".repeat(7) + "}";
        String depth9 = "{\"action\":\"listRooms\",\"x\":" + "[".repeat(8) + "]".repeat(8) + "}";
        String digits32 = "{\"action\":\"listRooms\",\"x\":" + "1".repeat(32) + "}";
        String digits33 = "{\"action\":\"listRooms\",\"x\":" + "1".repeat(33) + "}";

        assertThat(harness.reply("a1", depth8).path("type").asText()).as(depth8).isEqualTo("rooms");
        assertRefused(depth9, ErrorCode.INVALID_JSON);
        assertThat(harness.reply("a1", digits32).path("type").asText()).isEqualTo("rooms");
        assertRefused(digits33, ErrorCode.INVALID_JSON);
    }

    private JsonNode assertRefused(String frame, ErrorCode code) {
        int messagesBefore = new io.chatkit.core.service.RoomHistory(harness.messages).messagesBefore(io.chatkit.core.domain.RoomId.of(room), java.util.Optional.empty(), 100).size();

        Reply reply = harness.send("a1", frame);

        assertThat(reply.outcome()).as(reply.frame()).isEqualTo(Reply.Outcome.REFUSED);
        JsonNode error = ProtocolHarness.parse(reply.frame());
        assertThat(error.path("type").asText()).isEqualTo("error");
        assertThat(error.at("/data/code").asText()).as(error.toString()).isEqualTo(code.name());
        assertThat(new io.chatkit.core.service.RoomHistory(harness.messages).messagesBefore(io.chatkit.core.domain.RoomId.of(room), java.util.Optional.empty(), 100)).hasSize(messagesBefore);
        assertThat(harness.pusher.deliveries()).isEmpty();
        return error;
    }
}
