package io.chatkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatkit.core.service.ChatLimits;
import io.chatkit.standalone.CommandLine.UsageException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command line chat-local and chat-server share: the same names, the same defaults, the same errors. */
class RuntimeOptionsTest {

    @Test
    void every_shared_option_sets_its_field() {
        RuntimeOptions options = RuntimeOptions.parse(new String[] {"--port", "9090", "--stage", "dev",
                "--dynamodb-endpoint", "http://127.0.0.1:8000", "--table", "t", "--create-table", "--quiet",
                "--concurrency", "3"}, RuntimeOptions.OwnOptions.NONE);

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.stage()).isEqualTo("dev");
        assertThat(options.storage().dynamoDbEndpoint()).hasValueSatisfying(uri -> assertThat(uri).hasPort(8000));
        assertThat(options.storage().table()).isEqualTo("t");
        assertThat(options.storage().createTable()).isTrue();
        assertThat(options.logs()).isEqualTo(Logs.NONE);
        assertThat(options.concurrency()).isEqualTo(3);
        assertThat(RuntimeOptions.parse(new String[] {"--log-json"}, RuntimeOptions.OwnOptions.NONE).logs())
                .isEqualTo(Logs.JSON);
    }

    @Test
    void nothing_given_means_the_defaults_in_memory_on_8080() {
        RuntimeOptions options = RuntimeOptions.parse(new String[0], RuntimeOptions.OwnOptions.NONE);

        assertThat(options).isEqualTo(RuntimeOptions.defaults());
        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.storage()).isEqualTo(Storage.IN_MEMORY);
        assertThat(options.storage().describe()).isEqualTo("in memory");
        assertThat(options.limits()).isEqualTo(ChatLimits.DEFAULTS);
        assertThat(options.concurrency()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    }

    @Test
    void every_limit_option_sets_its_limit() {
        ChatLimits limits = RuntimeOptions.parse(new String[] {"--frames-burst", "5", "--frames-per-second", "4",
                "--room-changes-per-hour", "6", "--connections-per-user", "3", "--rooms-per-user", "7",
                "--connects-burst", "8", "--connects-per-minute", "12", "--refusals-in-a-row", "9",
                "--message-changes-per-hour", "11"},
                RuntimeOptions.OwnOptions.NONE).limits();

        assertThat(limits.frames().burst()).isEqualTo(5);
        assertThat(limits.frames().interval()).isEqualTo(Duration.ofMillis(250));
        assertThat(limits.roomChanges().interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limits.connectionsPerUser()).isEqualTo(3);
        assertThat(limits.roomsPerUser()).isEqualTo(7);
        assertThat(limits.connects().burst()).isEqualTo(8);
        assertThat(limits.connects().interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(limits.refusalsInARow()).isEqualTo(9);
        assertThat(limits.messageChanges().burst()).isEqualTo(11);
    }

    @Test
    void the_attachment_options_set_the_folder_the_largest_file_and_the_hourly_uploads() {
        RuntimeOptions options = parse("--attachments", "/tmp/files", "--attachment-max-mb", "5",
                "--uploads-per-hour", "7", "--upload-mb-per-hour", "20");

        assertThat(options.attachments()).contains(java.nio.file.Path.of("/tmp/files"));
        assertThat(options.attachmentRules().maxFileBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(options.attachmentRules().uploads().burst()).isEqualTo(7);
        assertThat(options.attachmentRules().uploadMegabytes().burst()).isEqualTo(20);
        assertThat(RuntimeOptions.defaults().attachmentRules()).isEqualTo(
                io.chatkit.core.service.AttachmentRules.DEFAULTS);
        assertThatThrownBy(() -> parse("--upload-mb-per-hour", "10")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--upload-mb-per-hour").hasMessageContaining("must fit");
    }

    @Test
    void a_runtime_reads_its_own_options_first() {
        String[] seen = new String[1];
        RuntimeOptions options = RuntimeOptions.parse(new String[] {"--own", "x", "--port", "0"}, (args, i) -> {
            if (!args[i].equals("--own")) {
                return Optional.empty();
            }
            seen[0] = CommandLine.value(args, i + 1, args[i]);
            return Optional.of(i + 1);
        });

        assertThat(seen[0]).isEqualTo("x");
        assertThat(options.port()).isZero();
    }

    @Test
    void a_wrong_command_line_says_what_is_wrong() {
        assertThatThrownBy(() -> parse("--bogus")).isInstanceOf(UsageException.class)
                .hasMessageContaining("unknown option --bogus");
        assertThatThrownBy(() -> parse("--port")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--port needs a value");
        assertThatThrownBy(() -> parse("--frames-burst", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--frames-burst needs a whole number from 1");
        assertThatThrownBy(() -> parse("--concurrency", "0")).isInstanceOf(UsageException.class)
                .hasMessageContaining("--concurrency needs a whole number from 1");
        assertThatThrownBy(() -> parse("--help")).isInstanceOf(UsageException.class).hasMessage(null);
        assertThat(RuntimeOptions.USAGE).contains("--dynamodb-endpoint URL").contains("--concurrency N");
        assertThat(LimitOptions.USAGE).contains("--rooms-per-user N");
    }

    private static RuntimeOptions parse(String... args) {
        return RuntimeOptions.parse(args, RuntimeOptions.OwnOptions.NONE);
    }
}
