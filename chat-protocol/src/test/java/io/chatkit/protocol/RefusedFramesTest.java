package io.chatkit.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.ChatLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every frame pays, and a connection whose frames keep being refused is closed: with the default limits (60 frames at
 * once, a connection closed after 20 refusals in a row, invalid or beyond the allowance) and a clock that stands
 * still.
 */
class RefusedFramesTest {
    private static final String NOT_JSON = "{not json";
    private static final String LIST_ROOMS = "{\"action\":\"listRooms\"}";
    private final ProtocolHarness harness = ProtocolHarness.withDefaultLimits();
    private final ConnectionId flood = harness.connect("flood", "f1");

    @Test
    void a_frame_refused_before_any_use_case_is_taken_from_the_allowance_as_an_answered_one() {
        String[] refusedBeforeAnyUseCase = {NOT_JSON, "{\"action\":\"dance\"}", "{\"action\":\"sendMessage\"}",
                "{\"action\":\"sendMessage\",\"chatRoomId\":\"r\",\"content\":\"\"}", "{\"action\":\"listRooms\",\"limit\":0}"};
        for (int i = 0; i < 10; i++) {
            harness.send("f1", refusedBeforeAnyUseCase[i % refusedBeforeAnyUseCase.length]);
        }

        assertThat(answeredOf(60)).as("of 60 frames after 10 refused ones, only the allowance's rest").isEqualTo(50);
    }

    @Test
    void a_connection_refused_20_times_in_a_row_is_told_so_closed_and_forgotten() {
        for (int i = 0; i < 19; i++) {
            assertThat(code(harness.send("f1", NOT_JSON))).isEqualTo("INVALID_JSON");
        }
        assertThat(harness.pusher.closed()).as("19 refusals: still open").isEmpty();

        harness.send("f1", NOT_JSON);

        assertThat(harness.pusher.closed()).containsExactly(flood);
        List<Notification> told = harness.pusher.deliveredTo(flood);
        assertThat(told).last().isEqualTo(new Notification.RefusedTooOften(20));
        JsonNode frame = ProtocolHarness.parse(ChatProtocol.frameOf(told.get(told.size() - 1)));
        assertThat(frame.path("type").asText()).isEqualTo("error");
        assertThat(frame.at("/data/code").asText()).isEqualTo(ErrorCode.TOO_MANY_REFUSALS.name());
        assertThat(harness.connections.liveConnectionsOf(List.of(UserId.of("flood")), Instant.now())).isEmpty();
        assertThat(code(harness.send("f1", LIST_ROOMS))).as("forgotten").isEqualTo("NOT_CONNECTED");
    }

    @Test
    void an_answered_frame_ends_the_run_of_refusals() {
        for (int i = 0; i < 19; i++) {
            harness.send("f1", NOT_JSON);
        }
        assertThat(harness.reply("f1", LIST_ROOMS).path("type").asText()).isEqualTo("rooms");
        for (int i = 0; i < 19; i++) {
            harness.send("f1", NOT_JSON);
        }

        assertThat(harness.pusher.closed()).isEmpty();
    }

    @Test
    void frames_beyond_the_allowance_count_as_refusals_too() {
        assertThat(answeredOf(60)).isEqualTo(60);
        for (int i = 0; i < 19; i++) {
            assertThat(code(harness.send("f1", LIST_ROOMS))).isEqualTo("RATE_LIMITED");
        }
        assertThat(harness.pusher.closed()).isEmpty();

        harness.send("f1", LIST_ROOMS);

        assertThat(harness.pusher.closed()).containsExactly(flood);
    }

    @Test
    void the_run_is_the_connections_own() {
        harness.connect("flood", "f2");
        for (int i = 0; i < 19; i++) {
            harness.send("f1", NOT_JSON);
            harness.send("f2", NOT_JSON);
        }
        assertThat(harness.pusher.closed()).isEmpty();
        assertThat(ChatLimits.DEFAULTS.refusalsInARow()).isEqualTo(20);
    }

    private int answeredOf(int frames) {
        int answered = 0;
        for (int i = 0; i < frames; i++) {
            answered += harness.send("f1", LIST_ROOMS).outcome() == Reply.Outcome.ANSWERED ? 1 : 0;
        }
        return answered;
    }

    private static String code(Reply reply) {
        return ProtocolHarness.parse(reply.frame()).at("/data/code").asText();
    }
}
