package io.chatkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A hostile user, Mallory, goes at each of a user's limits with the chat's default limits (60 frames at once and
 * 20 a second, 30 room changes an hour, 10 connections, 128 KB a frame, connections no longer than their token)
 * while Alice keeps writing to Bob. For each attack: the limit holds, nothing is stored beyond it (looked up in the
 * table itself), and every one of Alice's messages is accepted and reaches Bob exactly once. Each subclass is one way
 * in — the Lambda handler called directly, or the local gateway's sockets — on DynamoDB (dynalite) and the real
 * {@code @connections} pusher.
 */
abstract class LimitAttacks {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_FRAME_BYTES = 128 * 1024;
    private static final Predicate<JsonNode> USER_MESSAGE = frame -> frame.path("type").asText().equals("message")
            && frame.at("/data/messageType").asText().equals("user");

    /** One way into a running chat, with its table. */
    interface Entrance extends AutoCloseable {
        /** A new connection of the user; {@link Refused} when {@code $connect} is refused. */
        Session connect(String user);

        /** A new connection whose token expires after {@code life}. */
        Session connect(String user, Duration life);

        /** Lets time pass for the chat's clock: moves a test clock, or waits. */
        void pass(Duration time);

        /** Whether the chat's clock moves only by {@link #pass}: then no allowance refills during a burst. */
        default boolean clockStandsStill() {
            return false;
        }

        DynamoDbClient dynamoDb();

        String table();

        @Override
        void close();
    }

    /** One connection. Not thread-safe: one thread per session. */
    interface Session {
        /** Sends the frame and returns its reply (every reply is checked to be at most 128 KB). */
        JsonNode request(String json);

        /** Sends the frame without waiting for its reply. */
        void send(String json);

        /** Sends every frame at once and returns their replies, in any order. */
        List<JsonNode> burst(List<String> frames);

        /**
         * The pushes that match: waits until {@code count} have come (or a while has passed), then a quiet moment
         * for any more.
         */
        List<JsonNode> pushes(Predicate<JsonNode> wanted, int count);

        /** Whether the chat closed this connection (waiting a while for it). */
        boolean closedByTheChat();

        /** The client closes the connection ({@code $disconnect}). */
        void disconnect();
    }

    /** {@code $connect} refused with this status. */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super("$connect refused with " + status);
            this.status = status;
        }
    }

    abstract Entrance open() throws Exception;

    Entrance chat;
    private Session alice;
    private Session bob;
    private String victimsRoom;

    @BeforeEach
    void openTheChatWithTwoUsersTalking() throws Exception {
        chat = open();
        alice = chat.connect("alice");
        bob = chat.connect("bob");
        victimsRoom = alice.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"]}")
                .at("/data/chatRoomId").asText();
    }

    @AfterEach
    void close() {
        chat.close();
    }

    @Test
    void a_page_of_a_hundred_messages_of_5000_emoji_stays_under_128_kb() {
        Session mallory = chat.connect("mallory");
        String room = mallory.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"],\"name\":\"junk\"}")
                .at("/data/chatRoomId").asText();
        String junk = "\uD83D\uDE00".repeat(4_997); // 4 bytes a character: the most bytes content can take

        Set<String> sent = underAttack(() -> {
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                ids.add(patiently(mallory, "{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room
                        + "\",\"content\":\"" + "%03d".formatted(i) + junk + "\"}").at("/data/messageId").asText());
            }
            return ids;
        });

        List<JsonNode> pages = pages(bob, "{\"action\":\"getMessages\",\"chatRoomId\":\"" + room + "\",\"limit\":100",
                "before", "/data/messages");
        List<String> read = pages.stream().flatMap(page -> stream(page.at("/data/messages")))
                .filter(message -> message.path("messageType").asText().equals("user"))
                .map(message -> message.path("messageId").asText()).toList();
        assertThat(pages).as("cut by size: more than one page").hasSizeGreaterThan(1);
        assertThat(read).as("every message exactly once").hasSize(100).containsExactlyInAnyOrderElementsOf(sent);
        System.out.printf("limit attack (%s): 100 messages of 5,000 emoji read in %d pages%n",
                getClass().getSimpleName(), pages.size());
    }

    @Test
    void twenty_five_rooms_of_49_long_member_ids_stay_listable_under_128_kb() {
        Session mallory = chat.connect("mallory");

        Set<String> created = underAttack(() -> {
            Set<String> rooms = new HashSet<>();
            for (int room = 0; room < 25; room++) {
                List<String> members = new ArrayList<>(List.of("\"bob\""));
                for (int member = 0; member < 48; member++) {
                    String id = "member-" + room + "-" + member + "-";
                    members.add("\"" + id + "x".repeat(128 - id.length()) + "\"");
                }
                rooms.add(mallory.request("{\"action\":\"createRoom\",\"name\":\"room " + room
                        + "\",\"participantIds\":" + members + "}").at("/data/chatRoomId").asText());
            }
            return rooms;
        });

        List<JsonNode> pages = pages(bob, "{\"action\":\"listRooms\",\"limit\":100", "cursor", "/data/rooms");
        List<String> listed = pages.stream().flatMap(page -> stream(page.at("/data/rooms")))
                .map(room -> room.path("chatRoomId").asText()).toList();
        assertThat(pages).as("cut by size: more than one page").hasSizeGreaterThan(1);
        assertThat(listed).as("every room exactly once").hasSize(26).containsAll(created).contains(victimsRoom);
        System.out.printf("limit attack (%s): 26 rooms of 50 members listed in %d pages%n",
                getClass().getSimpleName(), pages.size());
    }

    /**
     * 100 frames at once from each of two connections: 60 get through (plus what refills meanwhile on a moving clock),
     * nothing more is stored, and a connection refused 20 times in a row is closed — on a standing clock both are;
     * on a moving one a connection is either answered to the end or closed after such a run.
     */
    @Test
    void a_burst_of_200_frames_gets_60_through_stores_nothing_more_and_closes_who_keeps_sending() {
        Session malloryTab = chat.connect("mallory");
        Session malloryPhone = chat.connect("mallory");
        String room = malloryTab.request("{\"action\":\"createRoom\",\"participantIds\":[\"carol\"],\"name\":\"flood\"}")
                .at("/data/chatRoomId").asText();
        chat.pass(Duration.ofSeconds(1));
        List<String> frames = IntStream.range(0, 100).mapToObj(i -> "{\"action\":\"sendMessage\",\"chatRoomId\":\""
                + room + "\",\"content\":\"flood " + i + "\"}").toList();

        long started = System.nanoTime();
        List<List<JsonNode>> replies = underAttack(() -> {
            CompletableFuture<List<JsonNode>> phone = CompletableFuture.supplyAsync(() -> malloryPhone.burst(frames));
            return List.of(malloryTab.burst(frames), phone.join());
        });
        double seconds = (System.nanoTime() - started) / 1e9;

        long accepted = replies.stream().flatMap(List::stream).filter(reply -> reply.path("type").asText()
                .equals("sent")).count();
        if (chat.clockStandsStill()) {
            assertThat(accepted).as("60 at once, and no refill on a standing clock").isEqualTo(60);
        } else {
            assertThat(accepted).as("60 at once, and 20 a second after (%.1f s)", seconds)
                    .isGreaterThanOrEqualTo(60).isLessThanOrEqualTo(60 + (long) Math.ceil(20 * seconds));
        }
        assertThat(userMessagesIn(room)).as("stored: exactly those accepted").hasSize((int) accepted);
        int closed = 0;
        for (int c = 0; c < 2; c++) {
            Session session = c == 0 ? malloryTab : malloryPhone;
            List<JsonNode> answered = replies.get(c);
            List<JsonNode> limited = answered.stream()
                    .filter(reply -> reply.at("/data/code").asText().equals("RATE_LIMITED")).toList();
            assertThat(limited).allSatisfy(error -> assertThat(error.at("/data/retryAfterMs").asLong()).isPositive());
            assertThat(answered).as("connection %d: sent, RATE_LIMITED or, once closed, NOT_CONNECTED", c)
                    .allSatisfy(reply -> assertThat(reply.path("type").asText().equals("sent")
                            || List.of("RATE_LIMITED", "NOT_CONNECTED").contains(reply.at("/data/code").asText()))
                            .as(reply.toString()).isTrue());
            boolean cutShort = answered.size() < frames.size()
                    || answered.stream().anyMatch(reply -> reply.at("/data/code").asText().equals("NOT_CONNECTED"));
            if (chat.clockStandsStill() || cutShort) {
                if (!cutShort && !session.closedByTheChat()) {
                    // Through the handler a connection's frames run side by side, as API Gateway invokes them: a send
                    // accepted early but answered after refusals ends their run, so the connection may outlive the
                    // burst. Who keeps sending is closed within 20 frames more.
                    for (int more = 0; more < 20; more++) {
                        session.send(frames.get(0));
                    }
                }
                assertThat(session.closedByTheChat()).as("connection %d closed by the chat", c).isTrue();
                // what was posted before the close reaches the client (as API Gateway delivers posts made before a
                // DeleteConnection); through a gateway the reply to the 20th refusal itself comes after the delete and
                // is dropped, as API Gateway drops a route response to a deleted connection
                assertThat(limited).as("connection %d: closed after 20 refusals in a row", c)
                        .hasSizeGreaterThanOrEqualTo(chat.clockStandsStill() ? 20 : 19);
                closed++;
            }
        }
        System.out.printf("limit attack (%s): burst of 200 frames over 2 connections in %.1f s: %d accepted, %d "
                + "stored, %d of 2 connections closed after 20 refusals in a row%n", getClass().getSimpleName(),
                seconds, accepted, accepted, closed);
    }

    @Test
    void a_socket_looping_1000_malformed_frames_is_told_and_closed_after_20_and_its_user_charged() {
        Session mallory = chat.connect("mallory");

        int sent = underAttack(() -> {
            int frames = 0;
            try {
                for (; frames < 1_000; frames++) {
                    mallory.send("{\"action\":\"sendMessage\"}");
                }
            } catch (RuntimeException closed) {
                // the socket was closed under the loop
            }
            return frames;
        });

        assertThat(mallory.closedByTheChat()).as("closed after %d frames sent", sent).isTrue();
        assertThat(mallory.pushes(frame -> frame.at("/data/code").asText().equals("TOO_MANY_REFUSALS"), 1))
                .as("told why").hasSize(1);
        assertThat(itemsOf("CONNECTION#", "METADATA"))
                .filteredOn(item -> item.get("userId").s().equals("mallory")).as("forgotten").isEmpty();
        System.out.printf("limit attack (%s): 1,000 malformed frames: closed, %d sent before the loop saw it%n",
                getClass().getSimpleName(), sent);
    }

    /** Reconnecting in a loop: 60 connects, each closed at once, so the live-connection limit is never the one met. */
    @Test
    void sixty_connects_in_a_minute_open_twenty_and_the_rest_get_429() {
        long started = System.nanoTime();
        List<Integer> refusals = underAttack(() -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                try {
                    chat.connect("mallory").disconnect();
                } catch (Refused refused) {
                    statuses.add(refused.status);
                }
            }
            return statuses;
        });
        double seconds = (System.nanoTime() - started) / 1e9;

        int opened = 60 - refusals.size();
        assertThat(refusals).as("refused").allSatisfy(status -> assertThat(status).isEqualTo(429));
        if (chat.clockStandsStill()) {
            assertThat(opened).as("20 at once, no refill on a standing clock").isEqualTo(20);
        } else {
            assertThat(opened).as("20 at once, then one every 3 s (%.1f s)", seconds)
                    .isBetween(20, 20 + (int) Math.ceil(seconds / 3));
        }
        System.out.printf("limit attack (%s): 60 connects in %.1f s: %d opened, %d refused with 429%n",
                getClass().getSimpleName(), seconds, opened, refusals.size());
    }

    @Test
    void forty_rooms_in_a_minute_create_thirty() {
        Session mallory = chat.connect("mallory");

        List<JsonNode> replies = underAttack(() -> IntStream.range(0, 40).mapToObj(i -> mallory.request(
                "{\"action\":\"createRoom\",\"participantIds\":[\"victim" + i + "\"],\"name\":\"spam " + i + "\"}"))
                .toList());

        assertThat(replies.subList(0, 30)).allSatisfy(reply -> assertThat(reply.path("type").asText())
                .isEqualTo("roomCreated"));
        assertThat(replies.subList(30, 40)).allSatisfy(reply -> {
            assertThat(reply.at("/data/code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(reply.at("/data/retryAfterMs").asLong()).isGreaterThan(Duration.ofSeconds(60).toMillis());
        });
        assertThat(roomsIn("USER#mallory")).as("mallory's rooms in the table").hasSize(30);
        assertThat(itemsOf("CHATROOM#", "METADATA")).as("every room in the table").hasSize(31);
    }

    @Test
    void twelve_sockets_for_one_user_open_ten() {
        List<Integer> refusals = underAttack(() -> {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                try {
                    chat.connect("mallory");
                } catch (Refused refused) {
                    statuses.add(refused.status);
                }
            }
            return statuses;
        });

        assertThat(refusals).containsExactly(429, 429);
        assertThat(itemsOf("CONNECTION#", "METADATA"))
                .filteredOn(item -> item.get("userId").s().equals("mallory")).as("mallory's connections").hasSize(10);
    }

    @Test
    void a_token_that_expires_mid_connection_ends_the_connection_and_its_frames_change_nothing() {
        // a token's expiry is in whole seconds, so a 4 s token lives 3 to 4 s: time enough to create the room
        Session mallory = chat.connect("mallory", Duration.ofSeconds(4));
        String room = mallory.request("{\"action\":\"createRoom\",\"participantIds\":[\"bob\"],\"name\":\"late\"}")
                .at("/data/chatRoomId").asText();

        List<JsonNode> told = underAttack(() -> {
            chat.pass(Duration.ofSeconds(5));
            mallory.send("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + room + "\",\"content\":\"late\"}");
            return mallory.pushes(frame -> frame.at("/data/code").asText().equals("SESSION_EXPIRED"), 1);
        });

        assertThat(told).as("told why, once").hasSize(1);
        assertThat(mallory.closedByTheChat()).as("closed through DeleteConnection").isTrue();
        assertThat(userMessagesIn(room)).as("nothing stored").isEmpty();
        assertThat(itemsOf("CONNECTION#", "METADATA"))
                .noneMatch(item -> item.get("userId").s().equals("mallory"));
    }

    /**
     * Runs the attack while Alice writes ten messages to Bob, then checks that each was accepted and reached Bob
     * exactly once.
     */
    <T> T underAttack(Supplier<T> attack) {
        CompletableFuture<List<String>> victims = CompletableFuture.supplyAsync(() -> IntStream.range(0, 10)
                .mapToObj(i -> alice.request("{\"action\":\"sendMessage\",\"chatRoomId\":\"" + victimsRoom
                        + "\",\"content\":\"alice " + i + "\"}"))
                .peek(reply -> assertThat(reply.path("type").asText()).as("alice's send: %s", reply).isEqualTo("sent"))
                .map(reply -> reply.at("/data/messageId").asText())
                .toList());
        T result = attack.get();
        List<String> sent = victims.join();
        List<String> received = bob.pushes(USER_MESSAGE.and(frame -> frame.at("/data/senderId").asText().equals("alice")), sent.size())
                .stream().map(frame -> frame.at("/data/messageId").asText()).toList();
        assertThat(received).as("bob got each of alice's messages once").containsExactlyInAnyOrderElementsOf(sent);
        return result;
    }

    /** Sends the frame, waiting out {@code RATE_LIMITED} answers as a well-behaved client would. */
    JsonNode patiently(Session session, String frame) {
        for (int attempt = 0; ; attempt++) {
            JsonNode reply = session.request(frame);
            if (!reply.at("/data/code").asText().equals("RATE_LIMITED") || attempt == 20) {
                return reply;
            }
            chat.pass(Duration.ofMillis(reply.at("/data/retryAfterMs").asLong()));
        }
    }

    /** Every page of a paged request (its JSON without the closing brace), following {@code nextCursor}. */
    private static List<JsonNode> pages(Session session, String request, String cursorField, String itemsPath) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = session.request(request + (cursor == null ? "" : ",\"" + cursorField + "\":\"" + cursor + "\"") + "}");
            assertThat(page.at(itemsPath).isArray()).as("a page: %s", page).isTrue();
            pages.add(page);
            cursor = page.at("/data/nextCursor").isTextual() ? page.at("/data/nextCursor").asText() : null;
        } while (cursor != null && pages.size() < 50);
        return pages;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    /** The users' messages stored in the room (not the system's "room created"). */
    private List<Map<String, AttributeValue>> userMessagesIn(String room) {
        return itemsOf("CHATROOM#" + room, "MESSAGE#").stream()
                .filter(item -> item.get("messageType").s().equals("user")).toList();
    }

    List<Map<String, AttributeValue>> itemsOf(String partitionPrefix, String sortKeyPrefix) {
        return Store.itemsWithPrefix(chat.dynamoDb(), chat.table(), partitionPrefix).stream()
                .filter(item -> item.get("SK").s().startsWith(sortKeyPrefix)).toList();
    }

    private List<Map<String, AttributeValue>> roomsIn(String userKey) {
        return itemsOf(userKey, "CHATROOM#");
    }
}
