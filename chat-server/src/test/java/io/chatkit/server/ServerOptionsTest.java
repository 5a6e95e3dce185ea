package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.service.ChatLimits;
import io.chatkit.web.CommandLine;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** chat-server takes the same limit options as chat-local (they were a field without flags). */
class ServerOptionsTest {

    @Test
    void every_limit_option_sets_its_limit() {
        ChatLimits limits = ServerOptions.parse("--dev", "--frames-burst", "5", "--frames-per-second", "4",
                "--room-changes-per-hour", "6", "--connections-per-user", "3", "--rooms-per-user", "7",
                "--connects-burst", "8", "--connects-per-minute", "12", "--refusals-in-a-row", "9").limits();

        assertThat(limits.frames().burst()).isEqualTo(5);
        assertThat(limits.frames().interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(limits.roomChanges().interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.connectionsPerUser()).isEqualTo(3);
        assertThat(limits.roomsPerUser()).isEqualTo(7);
        assertThat(limits.connects().burst()).isEqualTo(8);
        assertThat(limits.connects().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.refusalsInARow()).isEqualTo(9);
    }

    @Test
    void a_limit_needs_a_positive_whole_number_and_an_unknown_option_is_refused() {
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--rooms-per-user", "0"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--rooms-per-user");
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--frames-burst"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--no-such-option"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("unknown option --no-such-option");
        assertThat(ServerOptions.USAGE).contains("--rooms-per-user N");
    }
}
