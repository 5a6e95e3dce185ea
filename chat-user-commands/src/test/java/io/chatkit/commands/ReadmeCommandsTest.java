package io.chatkit.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's commands, each run as a user runs it: its own process, from the jars the build made, from the
 * repository root. A class missing from a jar, a banner that lies, a flag that starts the wrong thing: each
 * fails here, where a test on the class path would pass.
 */
class ReadmeCommandsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(60);

    @Test
    void java_jar_chat_local_prints_the_readme_banner_serves_the_web_client_and_two_users_chat_over_ws()
            throws Exception {
        try (RunningJar local = RunningJar.start("chat-local/target/chat-local.jar", "--port", "0")) {
            Matcher open = local.awaitLine(Pattern.compile("open +http://127\\.0\\.0\\.1:(\\d+)/"), START);
            local.awaitLine(Pattern.compile("^Ctrl-C stops it\\.$"), START);
            String port = open.group(1);

            assertThat(bannerOf(local.lines()).stream().map(line -> line.replace(":" + port + "/", ":8080/")).toList())
                    .as("the banner the README shows").isEqualTo(readmeBlockStartingWith("chatkit local"));
            assertWebClientAt("http://127.0.0.1:" + port + "/");
            JsonNode session = NodeClient.twoUsers("http://127.0.0.1:" + port + "/", "ws://127.0.0.1:" + port + "/local");
            assertThat(session.path("delivered").asInt()).isEqualTo(4);
            assertThat(session.path("extensions").asText()).as("the local gateway declines permessage-deflate").isEmpty();
            assertThat(local.interrupt()).as("Ctrl-C ends it; exit code").isIn(0, 130, 143);
            assertThat(local.output()).as("no warning of the logging set-up").doesNotContain("SLF4J(W)");
        }
    }

    @Test
    void java_jar_chat_server_serves_the_web_client_and_two_users_chat_over_ws_compressed() throws Exception {
        try (RunningJar server = RunningJar.start("chat-server/target/chat-server.jar", "--dev", "--port", "0")) {
            Matcher started = server.awaitLine(Pattern.compile("web client: http://127\\.0\\.0\\.1:(\\d+)/"), START);
            String port = started.group(1);

            assertWebClientAt("http://127.0.0.1:" + port + "/");
            JsonNode session = NodeClient.twoUsers("http://127.0.0.1:" + port + "/", "ws://127.0.0.1:" + port + "/local");
            assertThat(session.path("delivered").asInt()).isEqualTo(4);
            assertThat(session.path("extensions").asText()).startsWith("permessage-deflate");
            assertThat(server.interrupt()).as("Ctrl-C ends it; exit code").isIn(0, 130, 143);
            assertThat(server.output()).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "SLF4J(W)");
        }
    }

    @Test
    void java_jar_chat_server_log_json_writes_one_json_record_per_request_and_quiet_writes_none() throws Exception {
        try (RunningJar json = RunningJar.start("chat-server/target/chat-server.jar", "--dev", "--port", "0", "--log-json");
             RunningJar quiet = RunningJar.start("chat-server/target/chat-server.jar", "--dev", "--port", "0", "--quiet")) {
            for (RunningJar server : List.of(json, quiet)) {
                String port = server.awaitLine(Pattern.compile("web client: http://127\\.0\\.0\\.1:(\\d+)/"), START)
                        .group(1);
                NodeClient.twoUsers("http://127.0.0.1:" + port + "/", "ws://127.0.0.1:" + port + "/local");
            }
            assertThat(json.interrupt()).isIn(0, 130, 143);
            assertThat(quiet.interrupt()).isIn(0, 130, 143);

            List<JsonNode> records = new ArrayList<>();
            for (String line : json.lines()) {
                if (line.startsWith("{")) {
                    records.add(JSON.readTree(line));
                }
            }
            assertThat(records).as("the requests' records").anySatisfy(record -> {
                assertThat(record.path("route").asText()).isEqualTo("sendMessage");
                assertThat(record.path("outcome").asText()).isEqualTo("ok");
                assertThat(record.path("userId").asText()).isEqualTo("alice");
            });
            assertThat(records).anySatisfy(record -> assertThat(record.path("route").asText()).isEqualTo("$connect"));
            assertThat(json.output()).as("no content in the logs").doesNotContain("hello bob");
            assertThat(quiet.lines()).as("--quiet: no record of any request")
                    .noneMatch(line -> line.contains("sendMessage") || line.contains("$connect"));
        }
    }

    @Test
    void java_jar_chat_bench_help_prints_the_usage_and_runs_nothing() throws Exception {
        try (RunningJar bench = RunningJar.start("chat-bench/target/chat-bench.jar", "--help")) {
            assertThat(bench.exitCode(Duration.ofSeconds(30))).isZero();
            assertThat(bench.output()).startsWith("usage: java -jar chat-bench/target/chat-bench.jar")
                    .contains("--smoke", "--only", "--baseline-jar").doesNotContain("chatkit benchmarks on");
        }
    }

    @Test
    void java_jar_chat_bench_refuses_an_unknown_argument_with_the_usage() throws Exception {
        for (List<String> args : List.of(List.of("--fast"), List.of("--only", "everything"), List.of("--only"))) {
            try (RunningJar bench = RunningJar.start("chat-bench/target/chat-bench.jar", args.toArray(String[]::new))) {
                assertThat(bench.exitCode(Duration.ofSeconds(30))).as("exit code for %s", args).isEqualTo(2);
                assertThat(bench.output()).startsWith("chat-bench: ").contains("usage:")
                        .doesNotContain("chatkit benchmarks on");
            }
        }
    }

    private static void assertWebClientAt(String url) throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<html");
    }

    /** The banner: the printed lines from "chatkit local" to "Ctrl-C stops it.". */
    private static List<String> bannerOf(List<String> lines) {
        int first = lines.indexOf(lines.stream().filter(line -> line.startsWith("chatkit local")).findFirst()
                .orElseThrow());
        return lines.subList(first, lines.indexOf("Ctrl-C stops it.") + 1);
    }

    /** The lines of the README's first code block that starts with {@code start}. */
    private static List<String> readmeBlockStartingWith(String start) throws Exception {
        List<String> readme = Files.readAllLines(RunningJar.ROOT.resolve("README.md"));
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("```") && i + 1 < readme.size() && readme.get(i + 1).startsWith(start)) {
                int end = i + 1;
                while (!readme.get(end).startsWith("```")) {
                    end++;
                }
                return readme.subList(i + 1, end);
            }
        }
        throw new AssertionError("the README has no code block starting with " + start);
    }
}
