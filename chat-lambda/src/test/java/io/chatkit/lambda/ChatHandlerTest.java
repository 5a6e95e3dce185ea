package io.chatkit.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.service.RoomHistory;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatHandlerTest {
    private final HandlerHarness h = new HandlerHarness();

    @AfterEach
    void stop() {
        h.close();
    }

    @Test
    void a_connection_lives_no_longer_than_the_token_it_was_opened_with() throws Exception {
        String token = h.identity.idToken("alice");
        Instant tokenExpiry = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();

        assertThat(h.connect("alice-now=", token).getStatusCode()).isEqualTo(200);

        assertThat(h.connections.find(ConnectionId.of("alice-now="), Instant.now()))
                .as("the token's exp (1 h) comes before the 24 h lifetime")
                .hasValueSatisfying(c -> assertThat(c.expiresAt()).isEqualTo(tokenExpiry));
    }

    @Test
    void connect_with_a_valid_token_stores_the_connection_at_the_events_time() {
        var event = HandlerHarness.event("connect");
        event.setQueryStringParameters(java.util.Map.of("token", h.identity.idToken("alice")));

        APIGatewayV2WebSocketResponse response = h.handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        Instant connectedAt = Instant.ofEpochMilli(1674162806344L);
        var stored = h.connections.find(ConnectionId.of("L0SM9cOFvHcCIhw="), connectedAt);
        assertThat(stored).hasValueSatisfying(c -> {
            assertThat(c.userId()).isEqualTo(UserId.of("alice"));
            assertThat(c.connectedAt()).isEqualTo(connectedAt);
            assertThat(c.expiresAt()).isEqualTo(connectedAt.plus(java.time.Duration.ofHours(24)));
        });
        assertThat(h.gateway.posts()).as("never post to the caller inside $connect").isZero();
    }

    @Test
    void connect_without_or_with_a_bad_token_is_refused_with_401_and_nothing_is_stored() {
        assertThat(h.connect("c1=", null).getStatusCode()).isEqualTo(401);
        assertThat(h.connect("c2=", "garbage").getStatusCode()).isEqualTo(401);
        assertThat(h.connect("c3=", h.identity.token(c -> c.audience("other-client"))).getStatusCode()).isEqualTo(401);

        assertThat(h.connections.size()).isZero();
    }

    @Test
    void the_eleventh_connection_of_a_user_is_refused_with_429_and_another_user_still_connects() {
        String token = h.identity.idToken("mallory");
        for (int i = 0; i < 10; i++) {
            assertThat(h.connect("mallory" + i + "=", token).getStatusCode()).isEqualTo(200);
        }

        assertThat(h.connect("mallory10=", token).getStatusCode()).isEqualTo(429);

        assertThat(h.connections.find(ConnectionId.of("mallory10="), Instant.now())).isEmpty();
        assertThat(h.connections.size()).isEqualTo(10);
        assertThat(h.connect("alice=", h.identity.idToken("alice")).getStatusCode()).isEqualTo(200);
    }

    @Test
    void disconnect_removes_the_connection_and_always_answers_200() {
        h.connectAs("alice", "L0SM9cOFvHcCIhw=");

        assertThat(h.disconnect("L0SM9cOFvHcCIhw=").getStatusCode()).isEqualTo(200);
        assertThat(h.connections.size()).isZero();
        assertThat(h.disconnect("L0SM9cOFvHcCIhw=").getStatusCode()).isEqualTo(200);
        assertThat(h.disconnect("never-seen=").getStatusCode()).isEqualTo(200);
    }

    @Test
    void a_conversation_creates_a_room_sends_reads_and_lists_with_every_frame_pushed_but_the_callers_own() {
        String aliceLaptop = h.connectAs("alice", "aliceLaptop=");
        String alicePhone = h.connectAs("alice", "alicePhone=");
        String bobTab = h.connectAs("bob", "bobTab=");

        JsonNode created = h.reply(aliceLaptop, """
                {"action":"createRoom","participantIds":["bob"],"name":"lunch","requestId":"r-1"}""");
        assertThat(created.get("type").asText()).as(created.toString()).isEqualTo("roomCreated");
        assertThat(created.get("requestId").asText()).isEqualTo("r-1");
        String room = created.at("/data/chatRoomId").asText();
        assertThat(created.at("/data/type").asText()).isEqualTo("direct");
        for (String each : List.of(alicePhone, bobTab)) {
            assertThat(h.pushedTo(each)).extracting(f -> f.get("type").asText()).containsExactly("roomCreated");
        }
        assertThat(h.pushedTo(aliceLaptop)).as("the room is its reply").isEmpty();

        JsonNode sent = h.reply(aliceLaptop, """
                {"action":"sendMessage","chatRoomId":"%s","content":"<b>hi</b> 😀","clientMessageId":"c-1","requestId":"r-2"}"""
                .formatted(room));
        assertThat(sent.get("type").asText()).isEqualTo("sent");
        assertThat(sent.at("/data/duplicate").asBoolean()).isFalse();
        String messageId = sent.at("/data/messageId").asText();
        assertThat(h.pushedTo(aliceLaptop)).as("the message is its reply").isEmpty();
        for (String each : List.of(alicePhone, bobTab)) {
            JsonNode message = h.pushedTo(each).get(1);
            assertThat(message.get("type").asText()).isEqualTo("message");
            assertThat(message.at("/data/messageId").asText()).isEqualTo(messageId);
            assertThat(message.at("/data/chatRoomId").asText()).isEqualTo(room);
            assertThat(message.at("/data/senderId").asText()).isEqualTo("alice");
            assertThat(message.at("/data/content").asText()).isEqualTo("<b>hi</b> 😀");
            assertThat(message.at("/data/messageType").asText()).isEqualTo("user");
            assertThat(message.at("/data/clientMessageId").asText()).isEqualTo("c-1");
            assertThat(message.at("/data/timestamp").asLong()).isPositive();
            assertThat(message.at("/data/createdAt").asText()).endsWith("Z");
        }

        JsonNode bobsRooms = h.reply(bobTab, "{\"action\":\"listRooms\",\"limit\":10}");
        assertThat(bobsRooms.at("/data/rooms/0/chatRoomId").asText()).isEqualTo(room);
        assertThat(bobsRooms.at("/data/rooms/0/unreadCount").asInt()).isEqualTo(1);
        assertThat(bobsRooms.at("/data/rooms/0/lastMessage").asText()).isEqualTo("<b>hi</b> 😀");
        assertThat(bobsRooms.at("/data/rooms/0/participantIds")).hasSize(2);
        assertThat(bobsRooms.at("/data/nextCursor").isNull()).isTrue();

        JsonNode read = h.reply(bobTab, """
                {"action":"markRead","chatRoomId":"%s","messageId":"%s"}""".formatted(room, messageId));
        assertThat(read.get("type").asText()).isEqualTo("read");
        assertThat(read.at("/data/newlyRead").asInt()).isEqualTo(1);
        for (String each : List.of(aliceLaptop, alicePhone)) {
            JsonNode receipt = h.pushedTo(each).get(h.pushedTo(each).size() - 1);
            assertThat(receipt.get("type").asText()).isEqualTo("read");
            assertThat(receipt.at("/data/userId").asText()).isEqualTo("bob");
            assertThat(receipt.at("/data/messageId").asText()).isEqualTo(messageId);
        }
        assertThat(h.pushedTo(bobTab)).hasSize(2);

        JsonNode history = h.reply(alicePhone, """
                {"action":"getMessages","chatRoomId":"%s","limit":1}""".formatted(room));
        assertThat(history.at("/data/messages/0/messageId").asText()).isEqualTo(messageId);
        assertThat(history.at("/data/messages/0/readBy")).extracting(JsonNode::asText).containsExactly("alice", "bob");
        String older = history.at("/data/nextCursor").asText();
        JsonNode olderPage = h.reply(alicePhone, """
                {"action":"getMessages","chatRoomId":"%s","limit":1,"before":"%s"}""".formatted(room, older));
        assertThat(olderPage.at("/data/messages/0/messageType").asText()).isEqualTo("system");
    }

    @Test
    void a_retried_send_with_the_same_client_message_id_is_stored_once_and_pushed_again() {
        String alice = h.connectAs("alice", "alice=");
        String bob = h.connectAs("bob", "bob=");
        String room = h.reply(alice, "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
        String frame = "{\"action\":\"sendMessage\",\"chatRoomId\":\"%s\",\"content\":\"once\",\"clientMessageId\":\"k1\"}"
                .formatted(room);

        JsonNode first = h.reply(alice, frame);
        JsonNode retry = h.reply(alice, frame);

        assertThat(retry.at("/data/duplicate").asBoolean()).isTrue();
        assertThat(retry.at("/data/messageId").asText()).isEqualTo(first.at("/data/messageId").asText());
        assertThat(new RoomHistory(h.messages).messagesBefore(io.chatkit.core.domain.RoomId.of(room), Optional.empty(), 10))
                .filteredOn(m -> m.content().text().equals("once")).hasSize(1);
        // The first attempt may have died before its push: the retry pushes again, the client drops the repeat.
        assertThat(h.pushedTo(bob)).extracting(f -> f.get("type").asText())
                .containsExactly("roomCreated", "message", "message");
        assertThat(h.pushedTo(bob).subList(1, 3)).extracting(f -> f.at("/data/messageId").asText())
                .containsOnly(first.at("/data/messageId").asText());
    }

    @Test
    void a_gone_connection_is_removed_when_a_push_gets_410_and_the_others_still_receive() {
        String alice = h.connectAs("alice", "alice=");
        String bobOld = h.connectAs("bob", "bobOld=");
        String bobNew = h.connectAs("bob", "bobNew=");
        String room = h.reply(alice, "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
        h.gateway.script(bobOld, io.chatkit.testkit.apigw.LoopbackManagementApi.Behaviour.GONE);

        h.reply(alice, "{\"action\":\"sendMessage\",\"chatRoomId\":\"%s\",\"content\":\"hi\"}".formatted(room));

        assertThat(h.connections.find(ConnectionId.of(bobOld), Instant.now())).isEmpty();
        assertThat(h.connections.find(ConnectionId.of(bobNew), Instant.now())).isPresent();
        assertThat(h.pushedTo(bobNew)).extracting(f -> f.get("type").asText()).containsExactly("roomCreated", "message");
    }

    @Test
    void an_unknown_action_on_default_gets_an_error_frame_echoing_the_request_id() {
        String alice = h.connectAs("alice", "alice=");
        var event = HandlerHarness.event("default");
        event.getRequestContext().setConnectionId(alice);

        APIGatewayV2WebSocketResponse response = h.handler.handleRequest(event, null);

        JsonNode error = HandlerHarness.parse(response.getBody());
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/data/code").asText()).isEqualTo("UNKNOWN_ACTION");
        assertThat(error.get("requestId").asText()).isEqualTo("r-9");
        assertThat(h.gateway.posts()).isZero();
    }

    @Test
    void the_sample_send_event_from_a_stranger_is_refused() {
        h.connectAs("mallory", "L0SM9cOFvHcCIhw=");
        String alice = h.connectAs("alice", "alice=");
        String room = h.reply(alice, "{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}").at("/data/chatRoomId").asText();
        var event = HandlerHarness.event("sendMessage");
        event.setBody(event.getBody().replace("REPLACED", room));

        JsonNode error = HandlerHarness.parse(h.handler.handleRequest(event, null).getBody());

        assertThat(error.at("/data/code").asText()).as(error.toString()).isEqualTo("NOT_A_MEMBER");
        assertThat(error.get("requestId").asText()).isEqualTo("r-1");
        assertThat(new RoomHistory(h.messages).messagesBefore(io.chatkit.core.domain.RoomId.of(room), Optional.empty(), 10)).hasSize(1);
    }
}
