package io.chatkit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void any_text_comes_back_as_it_went_in_on_one_line() throws Exception {
        String awkward = "quote \" backslash \\ newline \n tab \t bell \u0007 line separator \u2028 日本語 😀";
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("text", awkward);
        object.put("count", 3L);
        object.put("ratio", 0.5);
        object.put("ok", true);
        object.put("nothing", null);
        object.put("list", List.of("a", 1L, Map.of("k", "v")));

        String line = JsonText.line(object);
        JsonNode parsed = new ObjectMapper().readTree(line);

        assertThat(line).doesNotContain("\n").doesNotContain("\u2028");
        assertThat(parsed.path("text").asText()).isEqualTo(awkward);
        assertThat(parsed.path("count").asLong()).isEqualTo(3);
        assertThat(parsed.path("ratio").asDouble()).isEqualTo(0.5);
        assertThat(parsed.path("ok").asBoolean()).isTrue();
        assertThat(parsed.path("nothing").isNull()).isTrue();
        assertThat(parsed.at("/list/2/k").asText()).isEqualTo("v");
    }
}
