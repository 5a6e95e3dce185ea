package io.chatkit.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatkit.testkit.websocket.ChatClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link ChatRuntimeContract}, its live signals: {@code typing} reaches the other members, once in 3 s, never the
 * typist; a direct-room peer hears when the other comes online (first tab) and goes offline (last tab), a group
 * member without a direct room with them does not, and the room list says who is online and when a peer was last
 * seen.
 */
public abstract class LiveSignalsContract extends RuntimeContractFixture {
    private static final Duration QUIET = Duration.ofMillis(700);
    private static final Predicate<JsonNode> TYPING = frame -> frame.path("type").asText().equals("typing");
    private static final Predicate<JsonNode> PRESENCE = frame -> frame.path("type").asText().equals("presence");

    @Test
    void typing_reaches_the_others_once_in_3_seconds_and_never_the_typist() throws Exception {
        try (ChatClient alice = signIn("alice");
             ChatClient alicePhone = signIn("alice");
             ChatClient bob = signIn("bob");
             ChatClient carol = signIn("carol");
             ChatClient dave = signIn("dave")) {
            String room = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"]}")
                    .at("/data/chatRoomId").asText();
            String typing = "{\"action\":\"typing\",\"chatRoomId\":\"" + room + "\"}";

            for (int i = 0; i < 10; i++) {
                alice.sendRaw(typing);
            }
            JsonNode refused = dave.request(typing);

            for (ChatClient other : List.of(bob, carol)) {
                List<JsonNode> heard = other.collect(TYPING, 10, QUIET);
                assertThat(heard).as("ten in a second: one push").hasSize(1);
                assertThat(heard.get(0).at("/data/userId").asText()).isEqualTo("alice");
                assertThat(heard.get(0).at("/data/chatRoomId").asText()).isEqualTo(room);
            }
            assertThat(alicePhone.collect(TYPING, 1, QUIET)).as("the typist's other tab").isEmpty();
            assertThat(alice.collect(frame -> true, 1, QUIET)).as("no reply to a typing frame").isEmpty();
            assertThat(refused.at("/data/code").asText()).as("a stranger's").isEqualTo("NOT_A_MEMBER");
        }
    }

    @Test
    void a_direct_peer_hears_the_last_tab_close_and_the_first_open_and_the_room_list_says_who_is_online()
            throws Exception {
        try (ChatClient bob = signIn("bob");
             ChatClient carol = signIn("carol")) {
            ChatClient alice = signIn("alice");
            String direct = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                    .at("/data/chatRoomId").asText();
            String group = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\",\"carol\"]}")
                    .at("/data/chatRoomId").asText();
            ChatClient aliceSecondTab = signIn("alice");
            aliceSecondTab.close();
            assertThat(bob.collect(PRESENCE, 1, QUIET)).as("a second tab, and closing it: nothing").isEmpty();

            alice.close();

            JsonNode offline = bob.awaitPush("presence");
            assertThat(offline.at("/data/userId").asText()).isEqualTo("alice");
            assertThat(offline.at("/data/online").asBoolean()).isFalse();
            assertThat(offline.at("/data/lastSeenAt").asText()).isNotEmpty();
            assertThat(carol.collect(PRESENCE, 1, QUIET)).as("no direct room with alice").isEmpty();
            JsonNode rooms = bob.request("{\"action\":\"listRooms\"}").at("/data/rooms");
            JsonNode directRoom = room(rooms, direct);
            assertThat(directRoom.at("/online").size()).isZero();
            assertThat(directRoom.at("/lastSeenAt").asText()).isEqualTo(offline.at("/data/lastSeenAt").asText());
            assertThat(room(rooms, group).at("/online").toString()).isEqualTo("[\"carol\"]");

            try (ChatClient aliceBack = signIn("alice")) {
                JsonNode online = bob.awaitPush("presence");
                assertThat(online.at("/data/online").asBoolean()).isTrue();
                assertThat(online.at("/data/lastSeenAt").isMissingNode()).isTrue();
                assertThat(room(bob.request("{\"action\":\"listRooms\"}").at("/data/rooms"), direct)
                        .at("/online").toString()).isEqualTo("[\"alice\"]");
            }
        }
    }

    private static JsonNode room(JsonNode rooms, String id) {
        for (JsonNode room : rooms) {
            if (room.path("chatRoomId").asText().equals(id)) {
                return room;
            }
        }
        throw new AssertionError("no room " + id + " in " + rooms);
    }
}
