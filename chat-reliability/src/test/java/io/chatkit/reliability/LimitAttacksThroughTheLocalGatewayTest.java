package io.chatkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.local.LocalChat;
import io.chatkit.standalone.Logs;
import io.chatkit.standalone.RuntimeOptions;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.websocket.ChatClient;
import io.chatkit.testkit.websocket.ChatEndpoint;
import io.chatkit.testkit.websocket.RawHttp;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The limit attacks through the local gateway's sockets, as a browser would make them: the unchanged Lambda handler
 * behind it on DynamoDB (dynalite), the real pusher through the gateway's {@code @connections}, real time (so a burst
 * meets the allowance plus what refills while it runs). Plus the one attack only a local gateway can meet: a page on
 * another origin reaching it through DNS rebinding.
 */
@ExtendWith(RequiresDynalite.class)
class LimitAttacksThroughTheLocalGatewayTest extends LimitAttacks {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    Entrance open() throws Exception {
        return new ThroughTheGateway();
    }

    @Test
    void a_rebinding_host_reaches_nothing() {
        ThroughTheGateway gateway = (ThroughTheGateway) chat;
        String upgrade = "GET /local?token=x HTTP/1.1\r\nHost: attacker.example:" + gateway.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        String token = "POST /dev/token HTTP/1.1\r\nHost: attacker.example:" + gateway.port() + "\r\nContent-Length: 20"
                + "\r\nConnection: close\r\n\r\n{\"username\":\"alice\"}";
        int open = gateway.openSockets();

        List<Integer> statuses = underAttack(() -> {
            List<Integer> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                answers.add(RawHttp.statusOf(gateway.port(), upgrade));
                answers.add(RawHttp.statusOf(gateway.port(), token));
            }
            return answers;
        });

        assertThat(statuses).hasSize(20).containsOnly(421);
        assertThat(gateway.openSockets()).as("no socket opened").isEqualTo(open);
    }

    private static final class ThroughTheGateway implements Entrance {
        private final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        private final LocalChat local;
        private final ChatEndpoint endpoint;
        private final List<ChatClient> clients = new ArrayList<>();

        ThroughTheGateway() throws Exception {
            local = LocalChat.start(RuntimeOptions.defaults().withPort(0).withLogs(Logs.NONE)
                    .withDynamoDb(Dynalite.shared().endpoint(), table));
            endpoint = new ChatEndpoint(local.gateway().httpUrl(), local.gateway().websocketUrl());
        }

        int port() {
            return local.gateway().port();
        }

        int openSockets() {
            return local.gateway().openConnectionIds().size();
        }

        @Override
        public Session connect(String user) {
            try {
                return connectWith(ChatClient.tokenFor(endpoint, user));
            } catch (Refused refused) {
                throw refused;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Session connect(String user, Duration life) {
            try {
                HttpResponse<String> minted = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.httpUrl() + "dev/token"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"expiresIn\":"
                                + life.toSeconds() + "}")).build(), HttpResponse.BodyHandlers.ofString());
                return connectWith(ChatClient.JSON.readTree(minted.body()).path("token").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private Session connectWith(String token) {
            ChatClient client;
            try {
                client = ChatClient.connect(endpoint, token);
            } catch (ChatClient.HandshakeRefused refused) {
                throw new Refused(refused.status);
            }
            clients.add(client);
            return new SocketSession(client);
        }

        @Override
        public void pass(Duration time) {
            // the gateway's chat runs on the real clock: for its allowances and tokens, time passes only by waiting
            try {
                Thread.sleep(time.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public DynamoDbClient dynamoDb() {
            return Store.client();
        }

        @Override
        public String table() {
            return table;
        }

        @Override
        public void close() {
            clients.forEach(ChatClient::abort);
            try {
                local.close();
            } catch (Exception e) {
                throw new IllegalStateException("the local chat did not stop", e);
            }
        }
    }

    private record SocketSession(ChatClient client) implements Session {
        private static final Predicate<JsonNode> PUSH = frame -> frame.path("requestId").isMissingNode();

        @Override
        public JsonNode request(String json) {
            return client.request(json);
        }

        @Override
        public void disconnect() {
            client.close();
        }

        @Override
        public void send(String json) {
            client.sendRaw(json);
        }

        @Override
        public List<JsonNode> burst(List<String> frames) {
            String prefix = "burst-" + System.identityHashCode(this) + "-";
            for (int i = 0; i < frames.size(); i++) {
                String frame = frames.get(i);
                client.sendRaw(frame.substring(0, frame.length() - 1) + ",\"requestId\":\"" + prefix + i + "\"}");
            }
            try {
                // every reply, or those that came before the chat closed the socket
                List<JsonNode> replies = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (replies.size() < frames.size() && System.nanoTime() < deadline) {
                    boolean closed = client.closedWith.isDone();
                    replies.addAll(client.collect(frame -> frame.path("requestId").asText().startsWith(prefix),
                            frames.size() - replies.size(), Duration.ofMillis(200)));
                    if (closed) {
                        break;
                    }
                }
                return replies;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public List<JsonNode> pushes(Predicate<JsonNode> wanted, int count) {
            try {
                List<JsonNode> pushes = new ArrayList<>(client.collect(PUSH.and(wanted), count, Duration.ofSeconds(20)));
                pushes.addAll(client.collect(PUSH.and(wanted), 1, Duration.ofMillis(250)));
                return pushes;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean closedByTheChat() {
            try {
                client.closedWith.get(10, TimeUnit.SECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
