package io.chatkit.adapter.dynamodb;

import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.dynamodb.Dynalite;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import io.chatkit.core.service.ChatServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Pins how many DynamoDB requests each use case sends, and in how many rounds, counted by an SDK
 * interceptor on the real client talking to dynalite. Exact counts, not timings.
 */
@ExtendWith(RequiresDynalite.class)
class RequestBudgetTest {
    private final RequestLog log = new RequestLog();
    private DynamoDbClient client;
    private ChatServices chat;

    @BeforeEach
    void chatOnDynamoDb() {
        client = Dynalite.shared().client(log);
        String table = DynamoDbContractTests.table();
        chat = ChatServices.builder()
                .connections(new DynamoDbConnectionStore(client, table, DynamoDbContractTests.EXECUTOR))
                .messages(new DynamoDbMessageStore(client, table, DynamoDbContractTests.EXECUTOR))
                .pusher(new RecordingPusher())
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void connect_takes_one_request_and_disconnect_two() {
        ConnectionId id = Fixtures.connectionId();

        assertThat(requestsFor(() -> chat.connect().connect(new ConnectCommand(id, Fixtures.user("u"), Instant.now()))))
                .isEqualTo(1);
        assertThat(requestsFor(() -> chat.disconnect().disconnect(new DisconnectCommand(id)))).isEqualTo(2);
        assertThat(requestsFor(() -> chat.disconnect().disconnect(new DisconnectCommand(id))))
                .as("a second disconnect finds nothing to delete").isEqualTo(1);
    }

    @ParameterizedTest(name = "room of {0}")
    @ValueSource(ints = {2, 10, 20})
    void send_in_a_room_of_n_members_takes_2n_plus_5_requests_in_3_rounds(int members) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomWithOneConnectionPerMember(members, connections);
        // Rounds only show when requests take time: without it, two "concurrent" requests may not overlap.
        log.delayEachRequestBy(Duration.ofMillis(50));

        int requests = requestsFor(() -> send(connections.get(0), room, Optional.of("budget-" + members)));

        assertThat(requests).isEqualTo(2 * members + 5);
        assertThat(log.countsByOperation()).containsEntry("Query", members).containsEntry("UpdateItem", members + 1)
                .containsEntry("GetItem", 2).containsEntry("PutItem", 2);
        assertThat(log.rounds()).isEqualTo(3);
    }

    @Test
    void with_50_ms_per_request_a_send_to_20_members_still_takes_3_rounds_not_40() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomWithOneConnectionPerMember(20, connections);
        log.delayEachRequestBy(Duration.ofMillis(50));
        log.clear();

        long started = System.nanoTime();
        SentMessage sent = accepted(send(connections.get(0), room, Optional.of("slow-network")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(sent.deliveries()).hasSize(20);
        assertThat(log.count()).isEqualTo(45);
        assertThat(log.rounds()).isEqualTo(3);
        System.out.printf("send to 20 members with 50 ms per request: %d requests in %d rounds, %d ms%n",
                log.count(), log.rounds(), took.toMillis());
    }

    @Test
    void a_page_of_100_rooms_with_unread_counts_and_previews_takes_one_request() {
        UserId dana = Fixtures.user("dana");
        ConnectionId danaTab = connect(dana);
        for (int i = 0; i < 100; i++) {
            Room room = accepted(chat.createRoom().createRoom(
                    new CreateRoomCommand(dana, Set.of(Fixtures.user("f")), RoomName.of("r" + i))));
            if (i % 10 == 0) {
                send(danaTab, room, Optional.empty());
            }
        }

        int requests = requestsFor(() -> accepted(chat.listRooms().listRooms(
                new ListRoomsQuery(dana, PageSize.of(100), Optional.empty()))));

        assertThat(requests).isEqualTo(1);
        Page<RoomSummary> page = accepted(chat.listRooms().listRooms(
                new ListRoomsQuery(dana, PageSize.of(100), Optional.empty())));
        assertThat(page.items()).hasSize(100);
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.items()).filteredOn(room -> room.lastMessagePreview().equals("hello")).as("the 10 rooms with a message show its preview")
                .hasSize(10);
        int withIdentity = requestsFor(() -> chat.identify().userOf(danaTab));
        assertThat(requests + withIdentity).as("with the connection look-up a handler needs").isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} unread")
    @ValueSource(ints = {1, 5, 20})
    void mark_read_of_k_unread_messages_takes_k_plus_3_requests_issued_at_once(int k) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomWithOneConnectionPerMember(2, connections);
        Message last = null;
        for (int i = 0; i < k; i++) {
            last = accepted(send(connections.get(0), room, Optional.empty())).message();
        }
        UserId reader = room.members().stream().filter(m -> !m.equals(firstMember(room, connections))).findFirst()
                .orElseThrow();
        MarkReadCommand command = new MarkReadCommand(reader, room.id(), last.id());
        log.delayEachRequestBy(Duration.ofMillis(50));

        int requests = requestsFor(() -> accepted(chat.markRead().markRead(command)));

        // k + 3 in the store; the read receipt's connection look-up of the one other member comes on top.
        assertThat(requests).isEqualTo(k + 3 + 1);
        assertThat(log.countsByOperation()).containsEntry("UpdateItem", k + 1);
        // room, readers, the k updates side by side, the participation item; then the receipt's look-up
        assertThat(log.rounds()).as("the k updates run side by side").isEqualTo(4 + 1);
    }

    private UserId firstMember(Room room, List<ConnectionId> connections) {
        return chat.identify().userOf(connections.get(0)).fold(u -> u, r -> null);
    }

    private Room roomWithOneConnectionPerMember(int members, List<ConnectionId> connections) {
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            UserId user = Fixtures.user("member" + i);
            users.add(user);
            connections.add(connect(user));
        }
        Room room = accepted(chat.createRoom().createRoom(
                new CreateRoomCommand(users.get(0), Set.copyOf(users.subList(1, members)), RoomName.of("budget"))));
        log.clear();
        return room;
    }

    private ConnectionId connect(UserId user) {
        ConnectionId id = Fixtures.connectionId();
        chat.connect().connect(new ConnectCommand(id, user, Instant.now()));
        return id;
    }

    private Outcome<SentMessage> send(ConnectionId from, Room room, Optional<String> clientMessageId) {
        return chat.sendMessage().send(new SendMessageCommand(from, room.id(), MessageContent.of("hello"),
                clientMessageId.map(ClientMessageId::of)));
    }

    private int requestsFor(Supplier<?> work) {
        log.clear();
        work.get();
        return log.count();
    }

    private int requestsFor(Runnable work) {
        return requestsFor(() -> {
            work.run();
            return null;
        });
    }

    private static <T> T accepted(Outcome<T> outcome) {
        return outcome.fold(value -> value, rejection -> {
            throw new AssertionError("rejected: " + rejection);
        });
    }
}
