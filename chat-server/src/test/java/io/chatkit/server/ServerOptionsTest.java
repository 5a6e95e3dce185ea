package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.standalone.CommandLine;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import org.junit.jupiter.api.Test;

/** chat-server reads the options both standalone runtimes take, and its own (who the users are) among them. */
class ServerOptionsTest {

    @Test
    void the_shared_options_and_the_servers_own_mix_in_any_order() {
        ServerOptions options = ServerOptions.parse("--port", "0", "--dev", "--rooms-per-user", "7", "--quiet",
                "--issuer", "http://127.0.0.1:9000", "--client-id", "c");

        assertThat(options.runtime()).isEqualTo(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE)
                .withLimits(RuntimeOptions.defaults().limits().withRoomsPerUser(7)));
        assertThat(options.dev()).isTrue();
        assertThat(options.issuer()).hasValueSatisfying(issuer -> {
            assertThat(issuer.clientId()).isEqualTo("c");
            assertThat(issuer.jwksUrl()).hasToString("http://127.0.0.1:9000/.well-known/jwks.json");
        });
    }

    @Test
    void a_wrong_command_line_says_what_is_wrong() {
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--rooms-per-user", "0"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--rooms-per-user");
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--issuer"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("--issuer needs a value");
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--no-such-option"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("unknown option --no-such-option");
        assertThatThrownBy(() -> ServerOptions.parse("--dev", "--client-id", "c"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("go with --issuer");
        assertThat(ServerOptions.USAGE).contains(RuntimeOptions.USAGE).contains("--rooms-per-user N")
                .contains("--issuer URL");
    }
}
