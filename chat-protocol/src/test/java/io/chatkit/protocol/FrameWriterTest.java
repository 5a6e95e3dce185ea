package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A frame's data is a record: its components are the fields, in order; an empty Optional is no field at all. */
class FrameWriterTest {
    record Item(String name, Optional<Integer> rank) {
    }

    record Data(String chatRoomId, List<Item> items, String nextCursor, Optional<Boolean> existing, long timestamp) {
    }

    @Test
    void a_record_is_written_as_its_fields_in_order() {
        String frame = FrameWriter.frame("rooms", new Data("r1", List.of(new Item("a", Optional.of(1)),
                new Item("b", Optional.empty())), null, Optional.empty(), 42L), Optional.of("q1"));

        assertThat(frame).isEqualTo("{\"type\":\"rooms\",\"data\":{\"chatRoomId\":\"r1\",\"items\":[{\"name\":\"a\","
                + "\"rank\":1},{\"name\":\"b\"}],\"nextCursor\":null,\"timestamp\":42},\"requestId\":\"q1\"}");
    }

    @Test
    void a_present_optional_is_its_value_and_no_request_id_is_no_field() {
        String frame = FrameWriter.frame("roomCreated", new Data("r1", List.of(), "next", Optional.of(true), 0L),
                Optional.empty());

        assertThat(frame).contains("\"existing\":true").contains("\"nextCursor\":\"next\"").doesNotContain("requestId");
    }

    @Test
    void an_item_takes_its_json_and_a_comma_in_a_page() {
        assertThat(FrameWriter.itemBytes(new Item("é", Optional.empty()))).isEqualTo("{\"name\":\"é\"}".length() + 2);
    }

    @Test
    void a_value_the_wire_has_no_shape_for_is_a_programming_error() {
        record Odd(Object value) {
        }
        assertThatThrownBy(() -> FrameWriter.frame("odd", new Odd(3.5), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Double");
    }
}
