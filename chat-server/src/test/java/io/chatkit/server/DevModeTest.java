package io.chatkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatkit.standalone.CommandLine;
import io.chatkit.standalone.Logs;
import io.chatkit.testkit.websocket.RawHttp;
import io.chatkit.web.DevIdentityHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The dev identity (tokens for any name) only when asked for by name, only on this machine, never through a proxy;
 * a real issuer only over https.
 */
class DevModeTest {

    @Test
    void a_server_needs_an_issuer_or_dev_asked_for_by_name() {
        assertThatThrownBy(() -> ServerOptions.parse("--port", "0")).isInstanceOf(CommandLine.UsageException.class)
                .hasMessageContaining("--issuer").hasMessageContaining("--dev");
        assertThatThrownBy(() -> ChatServer.start(ServerOptions.defaults().withPort(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--dev");

        assertThat(ServerOptions.parse("--dev").dev()).isTrue();
        assertThat(ServerOptions.parse("--issuer", "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC",
                "--client-id", "client").issuer()).isPresent();
    }

    @Test
    void an_issuer_over_plain_http_only_with_dev() {
        assertThatThrownBy(() -> ServerOptions.parse("--issuer", "http://issuer.example", "--client-id", "c"))
                .isInstanceOf(CommandLine.UsageException.class).hasMessageContaining("https");

        assertThat(ServerOptions.parse("--dev", "--issuer", "http://127.0.0.1:9000", "--client-id", "c").issuer())
                .isPresent();
    }

    @Test
    void with_dev_a_request_a_proxy_forwarded_is_refused_and_a_token_body_is_capped() throws Exception {
        try (ChatServer server = ChatServer.start(ServerOptions.defaults().withDev().withPort(0)
                .withLogs(Logs.NONE))) {
            int port = server.port();
            String page = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n%sConnection: close\r\n\r\n";

            assertThat(RawHttp.statusOf(port, page.formatted(""))).as("asked directly").isEqualTo(200);
            for (String header : new String[] {"X-Forwarded-For: 203.0.113.7\r\n", "Forwarded: for=203.0.113.7\r\n",
                    "X-Forwarded-Host: chat.example\r\n", "x-forwarded-proto: https\r\n"}) {
                assertThat(RawHttp.statusOf(port, page.formatted(header))).as(header).isEqualTo(421);
            }
            assertThat(RawHttp.statusOf(port, token(port, "{\"username\":\"eve\"}"))).isEqualTo(200);
            String large = "{\"username\":\"eve\",\"pad\":\"" + "x".repeat(DevIdentityHandler.MAX_BODY_BYTES) + "\"}";
            assertThat(RawHttp.statusOf(port, token(port, large))).as("over 4 KB").isEqualTo(413);
            assertThat(RawHttp.statusOf(port, chunkedToken(port, large))).as("over 4 KB, no length announced")
                    .isEqualTo(413);
        }
    }

    @Test
    void with_dev_config_json_tells_the_web_client_where_the_socket_is_and_what_it_may_attach() throws Exception {
        try (ChatServer server = ChatServer.start(ServerOptions.parse("--dev", "--port", "0",
                "--attachment-max-mb", "10").withLogs(Logs.NONE))) {
            HttpResponse<String> config = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.httpUrl() + "config.json")).build(), HttpResponse.BodyHandlers.ofString());

            JsonNode settings = new ObjectMapper().readTree(config.body());
            assertThat(settings.path("websocketUrl").asText()).isEqualTo(server.websocketUrl());
            assertThat(settings.at("/attachments/maxFileBytes").asLong()).as("--attachment-max-mb 10")
                    .isEqualTo(10L * 1024 * 1024);
            assertThat(settings.at("/attachments/contentTypes")).extracting(JsonNode::asText)
                    .contains("image/png", "application/pdf").doesNotContain("image/svg+xml");
        }
    }

    private static String token(int port, String body) {
        return "POST /dev/token HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static String chunkedToken(int port, String body) {
        return "POST /dev/token HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
                + "\r\n" + body + "\r\n0\r\n\r\n";
    }
}
