package io.chatkit.lambda.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void reads_every_kind_of_value() {
        Object parsed = Json.parse(" {\"s\":\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\",\"n\":-12.5e2,\"i\":42,\"t\":true,"
                + "\"f\":false,\"z\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}} ");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c\né😀");
        expected.put("n", new BigDecimal("-12.5e2"));
        expected.put("i", new BigDecimal("42"));
        expected.put("t", true);
        expected.put("f", false);
        expected.put("z", null);
        expected.put("a", List.of(new BigDecimal("1"), List.of(), Map.of()));
        expected.put("o", Map.of("k", "v"));
        assertThat(parsed).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{a:1}", "[1,]", "[1 2]", "{\"a\":1,}", "01",
            "1.", "-", "tru", "nul", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "{} {}", "'single'",
            "\"raw\ncontrol\"", "NaN", "[1]x"})
    void refuses_what_is_not_json(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void refuses_deep_nesting_without_overflowing_the_stack() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> Json.parse(deep)).isInstanceOf(JsonException.class).hasMessageContaining("deeper");
        String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertThat(Json.parse(ok)).isInstanceOf(List.class);
    }

    @Test
    void writes_what_a_standard_parser_reads_back_the_same() throws Exception {
        Map<String, Object> frame = Json.object();
        frame.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 line-separator \u2028 emoji 😀 <script>");
        frame.put("number", 1_700_000_000_000L);
        frame.put("int", 7);
        frame.put("flag", false);
        frame.put("none", null);
        frame.put("list", Arrays.asList("a", null, 3));

        String written = Json.write(frame);

        Map<?, ?> viaJackson = new ObjectMapper().readValue(written, Map.class);
        assertThat(viaJackson.get("text")).isEqualTo(frame.get("text"));
        assertThat(((Number) viaJackson.get("number")).longValue()).isEqualTo(1_700_000_000_000L);
        assertThat(viaJackson.get("flag")).isEqualTo(false);
        assertThat(viaJackson.containsKey("none")).isTrue();
        assertThat(Json.parse(written)).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) Json.parse(written)).get("text")).isEqualTo(frame.get("text"));
    }

    @Test
    void refuses_to_write_what_json_cannot_hold() {
        assertThatThrownBy(() -> Json.write(Map.of("x", new Object()))).isInstanceOf(IllegalArgumentException.class);
    }
}
