package io.chatkit.adapter.dynamodb;

import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.dynamodb.Dynalite;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.inmemory.FolderBlobStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.ListRoomsUseCase.ListRoomsQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesQuery;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.EditMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.ReactCommand;
import io.chatkit.core.port.in.MarkUnreadUseCase.MarkUnreadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.AttachmentUseCase.RequestUploadCommand;
import io.chatkit.core.port.in.AttachmentUseCase.UploadGranted;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.TypingUseCase.TypingCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import io.chatkit.core.service.ChatLimits;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.core.domain.RateLimit;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import io.chatkit.core.port.in.MembershipUseCase.LeaveRoomCommand;
import io.chatkit.core.port.in.MembershipUseCase.AddMembersCommand;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Pins how many DynamoDB requests each use case sends, and in how many rounds, counted by an SDK
 * interceptor on the real client talking to dynalite. Exact counts, not timings: rounds are counted by causality
 * (which request's end each one waited for, {@link RequestLog#causal}), not read off the clock.
 */
@ExtendWith(RequiresDynalite.class)
class RequestBudgetTest {
    private final RequestLog log = new RequestLog();
    /** Everything hands work off through this, so that the log counts rounds by causality. */
    private final java.util.concurrent.Executor executor = log.causal(DynamoDbContractTests.EXECUTOR);
    private DynamoDbClient client;
    private String table;
    private ChatServices chat;
    private RecordingPusher pusher;
    /** Attachments' files in a folder; uploads are handed to it directly (no request of the chat's). */
    private final FolderBlobStore blobs = new FolderBlobStore(folder(), () -> URI.create("http://127.0.0.1:9"),
            Clock.systemUTC());

    private static java.nio.file.Path folder() {
        try {
            return java.nio.file.Files.createTempDirectory("budget-blobs");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void chatOnDynamoDb() {
        client = Dynalite.shared().client(log);
        table = DynamoDbContractTests.table();
        chat = chatInANewProcess();
    }

    /** The chat as one Lambda container has it: its own memory, the table shared. */
    private ChatServices chatInANewProcess() {
        return ChatServices.builder()
                .blobStore(blobs)
                .connections(new DynamoDbConnectionStore(client, table, executor))
                .messages(new DynamoDbMessageStore(client, table, executor))
                .rateLimits(new DynamoDbRateLimitStore(client, table, executor))
                .limits(ChatLimits.DEFAULTS.withRoomChangesPerHour(1_000))
                .pusher(pusher = new RecordingPusher())
                .executor(executor)
                .build();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void connect_takes_its_allowance_then_two_requests_at_once_and_disconnect_two() {
        UserId user = Fixtures.user("u");
        ConnectionId first = Fixtures.connectionId();
        ConnectionId second = Fixtures.connectionId();
        log.delayEachRequestBy(Duration.ofMillis(20));

        // coming online: the user's memberships, to tell their direct-room peers (none here, so nothing more)
        assertThat(requestsFor(() -> chat.connect().connect(new ConnectCommand(first, user, Instant.now()))))
                .isEqualTo(4);
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(
                Map.of("PutItem", 1, "UpdateItem", 2, "Query", 1));
        assertThat(log.rounds()).isEqualTo(3);
        // a second tab: no presence (and, a second connect within the burst, the allowance's second update)
        assertThat(requestsFor(() -> chat.connect().connect(new ConnectCommand(second, user, Instant.now()))))
                .isEqualTo(4);
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of("PutItem", 1, "UpdateItem", 3));
        assertThat(log.rounds()).isEqualTo(3);
        assertThat(requestsFor(() -> chat.disconnect().disconnect(new DisconnectCommand(second))))
                .as("a tab is left: the delete and the user's item (which keeps the last-seen time)").isEqualTo(2);
        assertThat(requestsFor(() -> chat.disconnect().disconnect(new DisconnectCommand(first))))
                .as("the last: and the memberships, to tell the peers").isEqualTo(3);
        assertThat(requestsFor(() -> chat.disconnect().disconnect(new DisconnectCommand(first))))
                .as("a second disconnect finds nothing to delete").isEqualTo(1);
    }

    /**
     * Coming online and going offline tell the user's direct-room peers: the memberships (1 Query), their rooms
     * (⌈R/100⌉ BatchGetItem), the peers' connections (⌈P/100⌉ BatchGetItem), then the pushes; never a write more.
     */
    @Test
    void presence_costs_the_memberships_the_rooms_and_the_peers_connections_on_the_first_and_last_tab_only() {
        List<ConnectionId> connections = new ArrayList<>();
        Room pair = roomOf(2, 1, connections);
        UserId user = firstMember(pair, connections);
        chat.disconnect().disconnect(new DisconnectCommand(connections.get(0)));
        log.delayEachRequestBy(Duration.ofMillis(20));
        ConnectionId back = Fixtures.connectionId();

        // a reconnect within the burst of connects: the allowance's second update (DynamoDbRateLimitStore)
        assertCost(() -> chat.connect().connect(new ConnectCommand(back, user, Instant.now())), 7,
                Map.of("PutItem", 1, "UpdateItem", 3, "Query", 1, "BatchGetItem", 2), 6);
        assertThat(log.writeUnits()).as("the units as dynalite reports them: the connection, the user's item, the "
                + "connects allowance; none for presence").isEqualTo(3.0);
        assertCost(() -> chat.disconnect().disconnect(new DisconnectCommand(back)), 5,
                Map.of("DeleteItem", 1, "UpdateItem", 1, "Query", 1, "BatchGetItem", 2), 5);
    }

    /**
     * A reply reads the message it answers (one GetItem, in a round of its own) and writes nothing more, in a room of
     * 3 as in one of 50.
     */
    @ParameterizedTest(name = "room of {0}")
    @ValueSource(ints = {3, 50})
    void a_reply_costs_one_read_more_than_a_send(int members) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(members, 1, connections);
        UserId sender = accepted(chat.identify().whoIs(connections.get(0))); // no frame taken
        // the question stored as the store lays it out, so that the reply's frame is the allowance's first
        MessageId question = new MessagePosting(new DynamoDbMessageStore(client, table, executor), executor,
                Clock.systemUTC()).post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), "q"), sender,
                MessageContent.of("lunch?"), Optional.empty())).message().id();
        log.delayEachRequestBy(Duration.ofMillis(20));

        // a send without a clientMessageId (6), and the reply's GetItem of the question
        assertCost(() -> accepted(chat.sendMessage().send(new SendMessageCommand(sender, connections.get(0), room.id(),
                        MessageContent.of("re"), Optional.empty(), Optional.of(question), Set.of(sender)))), 7,
                Map.of("UpdateItem", 3, "BatchGetItem", 1, "GetItem", 2, "PutItem", 1), 4);
    }

    @ParameterizedTest(name = "{0} files")
    @CsvSource({"1", "3", "10"})
    void a_grant_reads_the_room_and_takes_an_upload_and_a_send_with_k_files_writes_k_claims_more(int k) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(3, 1, connections);
        UserId sender = accepted(chat.identify().whoIs(connections.get(0)));
        byte[] pdf = "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<AttachmentId> files = new ArrayList<>();

        for (int i = 0; i < k; i++) {
            // the room's METADATA (a member?), then the allowances of uploads and of their megabytes (a second
            // update each in a burst of uploads, as for any allowance): nothing written of the grant's own
            log.clear();
            UploadGranted granted = accepted(chat.attachments().requestUpload(new RequestUploadCommand(sender,
                    room.id(), "file " + i + ".pdf", "application/pdf", pdf.length)));
            assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("GetItem", 1, "UpdateItem", i == 0 ? 2 : 4));
            assertThat(blobs.receive(granted.uploadUrl(), "application/pdf", pdf).status()).isEqualTo(200);
            files.add(granted.attachmentId());
        }

        // a send without a clientMessageId (6), and one conditional PutItem per file, side by side: one round more
        assertCost(() -> accepted(chat.sendMessage().send(new SendMessageCommand(sender, connections.get(0),
                        room.id(), MessageContent.EMPTY, Optional.empty(), Optional.empty(), Set.of(), files))),
                6 + k, Map.of("UpdateItem", 3, "BatchGetItem", 1, "GetItem", 1, "PutItem", 1 + k), 4);
    }

    /**
     * An edit, a delete and a page of changes cost the same in a fresh room and after 2,000 messages: single items,
     * whatever the history and (but for the push's read of the members' connections) the room's size.
     */
    @ParameterizedTest(name = "{0} messages before, a room of {1}")
    @CsvSource({"0, 2", "2000, 2", "0, 50"})
    void edit_delete_react_and_get_changes_cost_the_same_whatever_the_history_and_the_rooms_size(
            int history, int members) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(members, 1, connections);
        UserId sender = accepted(chat.identify().whoIs(connections.get(0)));
        UserId other = room.members().stream().filter(m -> !m.equals(sender)).findFirst().orElseThrow();
        writeHistoryReadBy(room, sender, other, history);
        MessagePosting posting = new MessagePosting(new DynamoDbMessageStore(client, table, executor), executor,
                Clock.systemUTC());
        MessageId one = posting.post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), "one"), sender,
                MessageContent.of("helo"), Optional.empty())).message().id();
        MessageId two = posting.post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), "two"), sender,
                MessageContent.of("oops"), Optional.empty())).message().id();
        String start = accepted(chat.changeMessage().changes(new ChangesQuery(other, room.id(), Optional.empty(),
                PageSize.defaultSize()))).nextCursor();
        log.delayEachRequestBy(Duration.ofMillis(20));

        // the room (membership), the message, the edits-and-deletes allowance, the next place, the message written,
        // the change kept, the preview (under its condition), the members' connections for the push
        assertCost(() -> accepted(chat.changeMessage().edit(new EditMessageCommand(sender, connections.get(0),
                        room.id(), one, MessageContent.of("hello")))), 8,
                Map.of("GetItem", 2, "UpdateItem", 4, "PutItem", 1, "BatchGetItem", 1), 8);
        // a second change within the allowance's interval: its second update (a burst, as DynamoDbRateLimitStore)
        assertCost(() -> accepted(chat.changeMessage().delete(new DeleteMessageCommand(sender, connections.get(0),
                        room.id(), two))), 9,
                Map.of("GetItem", 2, "UpdateItem", 5, "PutItem", 1, "BatchGetItem", 1), 9);
        assertCost(() -> assertThat(accepted(chat.changeMessage().changes(new ChangesQuery(other, room.id(),
                        Optional.of(start), PageSize.defaultSize()))).changes()).hasSize(2), 2,
                Map.of("GetItem", 1, "Query", 1), 2);
        // a reaction: the room, the message (its reactions, for the limits), the next place, the message's
        // reactions under their condition, the change kept, the members' connections; none when it changes nothing
        MessageId three = posting.post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), "three"), sender,
                MessageContent.of("lunch?"), Optional.empty())).message().id();
        assertCost(() -> accepted(chat.changeMessage().react(new ReactCommand(other, connections.get(1), room.id(),
                        three, Emoji.of("👍"), true))), 6,
                Map.of("GetItem", 2, "UpdateItem", 2, "PutItem", 1, "BatchGetItem", 1), 6);
        assertCost(() -> accepted(chat.changeMessage().react(new ReactCommand(other, connections.get(1), room.id(),
                        three, Emoji.of("👍"), true))), 2, Map.of("GetItem", 2), 2);
    }

    /** Mentions: one conditional update more per member named, beside the sender's read position (no round more). */
    @Test
    void a_send_mentioning_k_members_writes_k_memberships_more_and_no_one_elses() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(4, 1, connections);
        UserId sender = accepted(chat.identify().whoIs(connections.get(0))); // no frame taken
        Set<UserId> named = room.members().stream().filter(member -> !member.equals(sender)).limit(2)
                .collect(java.util.stream.Collectors.toSet());
        log.delayEachRequestBy(Duration.ofMillis(20));

        assertCost(() -> accepted(chat.sendMessage().send(new SendMessageCommand(sender, connections.get(0), room.id(),
                        MessageContent.of("@you two"), Optional.empty(), Optional.empty(), named))), 8,
                Map.of("UpdateItem", 5, "BatchGetItem", 1, "GetItem", 1, "PutItem", 1), 3);
        assertThat(log.writeUnits()).as("a send's 4 and the 2 named members' memberships").isEqualTo(6.0);
    }

    /** {@code typing}: the room and its members' connections, as a send reads them, and not one write. */
    @ParameterizedTest(name = "room of {0}")
    @ValueSource(ints = {3, 50})
    void typing_reads_the_room_and_the_members_connections_and_writes_nothing(int members) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(members, 1, connections);
        UserId typist = firstMember(room, connections);
        log.delayEachRequestBy(Duration.ofMillis(20));

        assertCost(() -> chat.typing().typing(new TypingCommand(typist, connections.get(0), room.id())),
                1 + (members + 99) / 100, Map.of("GetItem", 1, "BatchGetItem", (members + 99) / 100), 2);
        assertThat(log.writeUnits()).isZero();
        assertCost(() -> chat.typing().typing(new TypingCommand(typist, connections.get(0), room.id())), 0,
                Map.of(), 0);
    }

    @ParameterizedTest(name = "room of {0}, {1} connections each")
    @CsvSource({"2, 1", "10, 3", "20, 1", "50, 3"})
    void an_idempotent_send_takes_7_requests_in_3_rounds_and_5_write_units_whatever_the_rooms_size(
            int members, int connectionsEach) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(members, connectionsEach, connections);
        // Rounds only show when requests take time: without it, two "concurrent" requests may not overlap. 100 ms,
        // so that a thread started late on a busy machine (51 requests at once in the last round) still overlaps.
        log.delayEachRequestBy(Duration.ofMillis(100));

        pusher.clear();
        accepted(send(connections.get(0), room, Optional.of("budget-" + members)));

        assertThat(pusher.deliveries()).as("every connection but the sender's, which has its reply")
                .hasSize(members * connectionsEach - 1);
        assertThat(log.count()).as("⌈N/100⌉ + 6").isEqualTo((members + 99) / 100 + 6);
        // the units as dynalite reports them, 1 per write of an item under 1 KB (the table has no index to add to
        // them): the allowance, LASTMESSAGE, the reservation, the message and the sender's read position
        assertThat(log.writeUnits()).as("write units").isEqualTo(5.0);
        // round 1: the sender's connection looked up while the frame is taken from the sender's allowance (one
        // update of the user's connections item), METADATA + reservation; round 2: the place (LASTMESSAGE), the
        // reservation, the members' connections; round 3: the message and the sender's read position
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "BatchGetItem", 2, "PutItem", 2, "UpdateItem", 3));
        assertThat(log.rounds()).isEqualTo(3);
    }

    @Test
    void a_send_without_client_message_id_takes_one_request_less() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(10, 1, connections);

        accepted(send(connections.get(0), room, Optional.empty()));

        assertThat(log.count()).isEqualTo(6);
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "GetItem", 1, "BatchGetItem", 1, "PutItem", 1, "UpdateItem", 3));
        assertThat(log.writeUnits()).as("write units").isEqualTo(4.0);
    }

    @Test
    void a_connections_first_frame_in_a_process_takes_its_allowance_after_the_look_up_and_later_ones_with_it() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(3, 1, connections);
        chat = chatInANewProcess();
        log.delayEachRequestBy(Duration.ofMillis(100));

        accepted(send(connections.get(0), room, Optional.of("first-here")));
        assertThat(log.rounds()).as("first frame of the connection in this process").isEqualTo(4);
        log.clear();
        accepted(send(connections.get(0), room, Optional.of("second-here")));
        assertThat(log.rounds()).as("the process knows the connection's user now").isEqualTo(3);
        assertThat(log.count()).isEqualTo(7);
    }

    @Test
    void a_connections_first_frame_costs_no_round_more_when_the_gateway_names_its_user() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(3, 1, connections);
        UserId sender = new DynamoDbConnectionStore(client, table, executor)
                .lookup(connections.get(0)).orElseThrow().userId(); // read, not a frame: no allowance taken
        chat = chatInANewProcess();
        // what the Lambda handler does with the user of a $connect authorizer's context, on every event
        chat.identify().recognise(connections.get(0), sender);
        log.delayEachRequestBy(Duration.ofMillis(100));
        log.clear();

        accepted(send(connections.get(0), room, Optional.of("named-by-the-gateway")));

        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "UpdateItem", 3, "BatchGetItem", 2, "PutItem", 2));
        assertThat(log.rounds()).as("first frame of the connection in this process").isEqualTo(3);
    }

    @Test
    void the_frame_allowance_costs_the_look_ups_one_update_a_burst_two_and_a_refusal_a_read_besides() {
        DynamoDbConnectionStore store = new DynamoDbConnectionStore(client, table, executor);
        RateLimit frames = ChatLimits.DEFAULTS.frames();
        UserId user = Fixtures.user("bursty");
        ConnectionId tab = connect(user);
        Instant now = Instant.now();

        assertThat(requestsFor(() -> store.take(tab, user, frames, now))).as("refilled: one update")
                .isEqualTo(1);
        assertThat(requestsFor(() -> store.take(tab, user, frames, now))).as("in a burst: two updates")
                .isEqualTo(2);
        for (int i = 2; i < frames.burst(); i++) {
            assertThat(store.take(tab, user, frames, now).admission().admitted()).isTrue();
        }
        log.clear();
        assertThat(store.take(tab, user, frames, now).admission().admitted()).isFalse();
        assertThat(log.countsByOperation()).as("refused: both updates fail, then a read for the wait")
                .containsExactlyInAnyOrderEntriesOf(Map.of("UpdateItem", 2, "GetItem", 1));
    }

    @Test
    void a_room_change_costs_one_update_of_its_own_allowance_item() {
        DynamoDbRateLimitStore store = new DynamoDbRateLimitStore(client, table, executor);
        UserId user = Fixtures.user("creator");

        assertThat(requestsFor(() -> store.take(user, ChatLimits.DEFAULTS.roomChanges(), Instant.now())))
                .isEqualTo(1);
    }

    @Test
    void the_connections_of_150_users_are_read_in_two_batched_requests_at_once() {
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            UserId user = Fixtures.user("many" + i);
            users.add(user);
            connect(user);
            connect(user);
        }
        DynamoDbConnectionStore store = new DynamoDbConnectionStore(client, table, executor);
        log.delayEachRequestBy(Duration.ofMillis(50));
        log.clear();

        assertThat(store.liveConnectionsOf(users, Instant.now())).hasSize(300);
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(Map.of("BatchGetItem", 2));
        assertThat(log.rounds()).isEqualTo(1);
    }

    @Test
    void with_50_ms_per_request_a_send_to_20_members_still_takes_3_rounds_not_40() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(20, 1, connections);
        log.delayEachRequestBy(Duration.ofMillis(50));
        log.clear();

        pusher.clear();
        long started = System.nanoTime();
        accepted(send(connections.get(0), room, Optional.of("slow-network")));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(pusher.deliveries()).hasSize(19); // not the sender's own connection
        assertThat(log.count()).isEqualTo(7);
        assertThat(log.rounds()).isEqualTo(3);
        System.out.printf("send to 20 members with 50 ms per request: %d requests in %d rounds, %d ms%n",
                log.count(), log.rounds(), took.toMillis());
    }

    @Test
    void a_page_of_100_rooms_with_unread_counts_previews_and_members_takes_three_requests() {
        UserId dana = Fixtures.user("dana");
        UserId friend = Fixtures.user("f");
        ConnectionId danaTab = connect(dana);
        ConnectionId friendTab = connect(friend);
        List<Room> rooms = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rooms.add(accepted(chat.createRoom().createRoom(
                    new CreateRoomCommand(dana, Set.of(friend), RoomName.of("r" + i)))));
        }
        Set<RoomId> withNews = new HashSet<>();
        for (int i = 0; i < 100; i += 10) {
            send(friendTab, rooms.get(i), Optional.empty());
            withNews.add(rooms.get(i).id());
        }

        log.clear();
        Page<RoomSummary> page = accepted(chat.listRooms().listRooms(
                new ListRoomsQuery(dana, PageSize.of(100), Optional.empty()))).page();

        assertThat(log.countsByOperation()).as("memberships, last messages, the page's METADATA, the members' presence")
                .containsExactlyInAnyOrderEntriesOf(Map.of("Query", 1, "BatchGetItem", 3));
        assertThat(page.items()).hasSize(100);
        assertThat(page.nextCursor()).isEmpty();
        assertThat(page.items()).allSatisfy(room -> assertThat(room.room().members()).containsExactlyInAnyOrder(dana, friend));
        assertThat(page.items()).filteredOn(room -> withNews.contains(room.room().id())).hasSize(10)
                .allSatisfy(room -> {
                    assertThat(room.lastMessagePreview()).isEqualTo("hello");
                    assertThat(room.unreadCount()).isEqualTo(1);
                });
        assertThat(page.items()).filteredOn(room -> !withNews.contains(room.room().id())).hasSize(90)
                .allSatisfy(room -> assertThat(room.unreadCount()).isZero());
        assertThat(page.items().subList(0, 10)).extracting(room -> room.room().id())
                .as("the rooms with news first").containsExactlyInAnyOrderElementsOf(withNews);
        log.delayEachRequestBy(Duration.ofMillis(50));
        int withIdentity = requestsFor(() -> chat.identify().userOf(danaTab));
        assertThat(withIdentity).as("the connection looked up while its frame is taken, which a handler adds")
                .isEqualTo(1);
        assertThat(log.rounds()).isEqualTo(1);
    }

    /**
     * A user in R rooms, each with its own last message and the user's own read position in it, laid out as the
     * store lays them out (written in batches: creating 1,000 rooms one by one would take the test minutes). Every
     * page costs 1 Query + ⌈R/100⌉ + 1 BatchGetItem in 3 rounds, and one more round for the presence of the page's
     * other members (⌈M/100⌉ BatchGetItem for M of them; here one), and the pages give every room once, in the order
     * of their last messages, each with its exact unread count.
     */
    @ParameterizedTest(name = "{0} rooms")
    @ValueSource(ints = {1, 100, 1_000})
    void listing_r_rooms_costs_one_query_and_r_over_100_plus_two_batched_reads_per_page_in_4_rounds(int roomCount) {
        UserId reader = Fixtures.user("reader");
        UserId other = Fixtures.user("other");
        Instant start = Instant.now().minusSeconds(86_400);
        List<RoomId> newestFirst = new ArrayList<>();
        Map<RoomId, Integer> unread = new HashMap<>();
        Map<RoomId, MessageId> lastMessages = new HashMap<>();
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
        Random random = new Random(roomCount);
        for (int i = 0; i < roomCount; i++) {
            Room room = Room.create(RoomId.of("list" + roomCount + "-" + i + "-" + Fixtures.connectionId().value()
                    .replaceAll("[^A-Za-z0-9]", "")), RoomName.of("r" + i), Set.of(reader, other), start);
            // last messages in a shuffled order of time, so that creation order says nothing about list order
            long seq = 1 + random.nextInt(500);
            long readSeq = random.nextInt((int) seq + 1);
            Message last = Message.fromUser(room.id(), MessageId.of(start.plusSeconds(random.nextInt(80_000))
                    .plusMillis(i), "m" + i), other, MessageContent.of("last " + i), Optional.empty());
            writes.add(put(Items.room(room)));
            writes.add(put(Items.lastMessage(last, seq)));
            writes.add(put(Items.membership(room.id(), reader, readSeq)));
            newestFirst.add(room.id());
            unread.put(room.id(), (int) (seq - readSeq));
            lastMessages.put(room.id(), last.id());
        }
        newestFirst.sort(Comparator.comparing((RoomId id) -> lastMessages.get(id)).reversed());
        new TableClient(client, table, executor).batchWrite(writes);
        log.delayEachRequestBy(Duration.ofMillis(20));

        List<RoomSummary> listed = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            log.clear();
            Page<RoomSummary> page = accepted(chat.listRooms().listRooms(
                    new ListRoomsQuery(reader, PageSize.of(100), cursor))).page();
            assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("Query", 1, "BatchGetItem", (roomCount + 99) / 100 + 2));
            assertThat(log.rounds()).isEqualTo(4);
            listed.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor.isPresent());

        assertThat(listed).extracting(summary -> summary.room().id()).containsExactlyElementsOf(newestFirst);
        assertThat(listed).allSatisfy(summary -> {
            assertThat(summary.unreadCount()).isEqualTo(unread.get(summary.room().id()));
            assertThat(summary.lastMessageId()).isEqualTo(lastMessages.get(summary.room().id()));
        });
    }

    @Test
    void a_page_of_messages_with_its_readers_takes_three_requests_in_two_rounds() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(10, 1, connections);
        for (int i = 0; i < 5; i++) {
            accepted(send(connections.get(i), room, Optional.empty()));
        }
        UserId reader = firstMember(room, connections);
        log.delayEachRequestBy(Duration.ofMillis(50));
        log.clear();

        Page<Message> page = accepted(chat.getMessages().getMessages(new GetMessagesQuery(reader, room.id(),
                PageSize.of(50), Optional.empty(), Optional.empty()))).page();

        assertThat(page.items()).hasSize(6);
        assertThat(page.items().get(0).readBy()).as("the newest was read by its sender only").hasSize(1);
        assertThat(log.countsByOperation()).as("room (membership), then the page beside the members' read positions")
                .containsExactlyInAnyOrderEntriesOf(Map.of("GetItem", 1, "Query", 1, "BatchGetItem", 1));
        assertThat(log.rounds()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0} newly read")
    @ValueSource(ints = {1, 20, 150})
    void mark_read_costs_four_requests_and_the_same_read_units_after_2000_messages_already_read(int k) {
        Measured fresh = markReadAfter(0, k);
        Measured longRoom = markReadAfter(2_000, k);

        assertThat(fresh.requests()).as("room, message, read position, the receipt's connections").isEqualTo(4)
                .isLessThanOrEqualTo(Math.min(k, 100) + 4);
        assertThat(longRoom.requests()).isEqualTo(fresh.requests());
        assertThat(longRoom.operations()).isEqualTo(fresh.operations());
        assertThat(longRoom.readUnits()).as("read units").isEqualTo(fresh.readUnits()).isPositive();
        assertThat(longRoom.newlyRead()).isEqualTo(k);
    }

    /**
     * {@code markUnread}: the room (membership), the message's place, the read position moved back (one conditional
     * update, however far), the room's newest place for the count, and the reader's connections for the push to
     * their other tabs — the same after a history of 2,000 messages already read as in a fresh room, and in a room of
     * 50 as in one of 2.
     */
    @ParameterizedTest(name = "{0} messages already read, a room of {1}")
    @CsvSource({"0, 2", "2000, 2", "0, 50"})
    void mark_unread_costs_five_requests_whatever_the_history_and_the_rooms_size(int alreadyRead, int members) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(members, 1, connections);
        UserId writer = firstMember(room, connections);
        UserId reader = accepted(chat.identify().whoIs(connections.get(1))); // no frame taken
        writeHistoryReadBy(room, writer, reader, alreadyRead);
        MessageId newest = accepted(send(connections.get(0), room, Optional.empty())).message().id();
        accepted(chat.markRead().markRead(new MarkReadCommand(reader, room.id(), newest)));
        log.delayEachRequestBy(Duration.ofMillis(20));

        assertCost(() -> accepted(chat.markUnread().markUnread(new MarkUnreadCommand(reader, connections.get(1),
                        room.id(), newest))), 5,
                Map.of("GetItem", 3, "UpdateItem", 1, "BatchGetItem", 1), 5);
        assertThat(log.writeUnits()).as("the read position").isEqualTo(1.0);
    }

    /**
     * The rest of the design note's table, exactly, rounds counted with 20 ms per request (a request that starts
     * after another ends is a round later): leave and add with their notices, a connect beyond the limit and its
     * undoing, disconnect, mark read and a page of rooms.
     */
    @Test
    void leave_add_connect_beyond_the_limit_disconnect_mark_read_and_list_rooms_each_cost_what_the_table_says() {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(3, 1, connections);
        UserId first = firstMember(room, connections);
        UserId leaver = room.members().stream().filter(m -> !m.equals(first)).findFirst().orElseThrow();
        UserId newcomer = Fixtures.user("newcomer");
        connect(newcomer);
        log.delayEachRequestBy(Duration.ofMillis(20));

        assertCost(() -> chat.membership().leave(new LeaveRoomCommand(leaver, room.id())), 7,
                Map.of("DeleteItem", 1, "UpdateItem", 3, "GetItem", 1, "PutItem", 1, "BatchGetItem", 1), 6);
        // blocking: the members' blocks, read once the newcomer's membership is written (one request, one round)
        assertCost(() -> chat.membership().addMembers(new AddMembersCommand(first, room.id(), Set.of(newcomer))), 13,
                Map.of("GetItem", 2, "PutItem", 2, "UpdateItem", 6, "BatchGetItem", 3), 12);
        UserId busy = Fixtures.user("busy");
        for (int i = 0; i < ChatLimits.DEFAULTS.connectionsPerUser(); i++) {
            connect(busy);
        }
        // the connects allowance: a user in a burst of connects costs its second update (DynamoDbRateLimitStore)
        assertCost(() -> chat.connect().connect(new ConnectCommand(Fixtures.connectionId(), busy, Instant.now())), 6,
                Map.of("PutItem", 1, "UpdateItem", 4, "DeleteItem", 1), 4);
        ConnectionId leaving = connect(Fixtures.user("leaving"));
        // the last tab of one in no room: the memberships are read to find the peers to tell (none)
        assertCost(() -> chat.disconnect().disconnect(new DisconnectCommand(leaving)), 3,
                Map.of("DeleteItem", 1, "UpdateItem", 1, "Query", 1), 3);
        MessageId sent = accepted(send(connections.get(0), room, Optional.empty())).message().id();
        assertCost(() -> chat.markRead().markRead(new MarkReadCommand(newcomer, room.id(), sent)), 4,
                Map.of("GetItem", 2, "UpdateItem", 1, "BatchGetItem", 1), 4);
        assertCost(() -> chat.listRooms().listRooms(new ListRoomsQuery(first, PageSize.of(50), Optional.empty())), 4,
                Map.of("Query", 1, "BatchGetItem", 3), 4);
    }

    private void assertCost(Supplier<?> work, int requests, Map<String, Integer> operations, int rounds) {
        log.clear();
        work.get();
        assertThat(log.count()).as("requests: %s", log.countsByOperation()).isEqualTo(requests);
        assertThat(log.countsByOperation()).containsExactlyInAnyOrderEntriesOf(operations);
        assertThat(log.rounds()).as("rounds").isEqualTo(rounds);
    }

    private record Measured(int requests, Map<String, Integer> operations, double readUnits, int newlyRead) {
    }

    /** A two-member room where the reader has read {@code alreadyRead} messages and then gets {@code k} more. */
    private Measured markReadAfter(int alreadyRead, int k) {
        List<ConnectionId> connections = new ArrayList<>();
        Room room = roomOf(2, 1, connections);
        UserId writer = firstMember(room, connections);
        UserId reader = room.members().stream().filter(m -> !m.equals(writer)).findFirst().orElseThrow();
        writeHistoryReadBy(room, writer, reader, alreadyRead);
        MessagePosting posting = new MessagePosting(new DynamoDbMessageStore(client, table, executor), executor,
                Clock.systemUTC());
        Message last = null;
        for (int i = 0; i < k; i++) {
            last = posting.post(room, Message.fromUser(room.id(), MessageId.of(Instant.now(), "k" + i), writer,
                    MessageContent.of("new " + i), Optional.empty())).message();
        }
        MarkReadCommand command = new MarkReadCommand(reader, room.id(), last.id());

        log.clear();
        int newlyRead = accepted(chat.markRead().markRead(command)).newlyRead();
        return new Measured(log.count(), log.countsByOperation(), log.readUnits(), newlyRead);
    }

    /**
     * {@code count} messages after the room's first, written as the store lays them out (places 2, 3, …) in
     * batches rather than sent one by one, with LASTMESSAGE, both list positions and the reader's read position
     * at the newest: a long history, already read.
     */
    private void writeHistoryReadBy(Room room, UserId writer, UserId reader, int count) {
        if (count == 0) {
            return;
        }
        TableClient items = new TableClient(client, table, executor);
        List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> writes = new ArrayList<>();
        Instant start = Instant.now().minusSeconds(3_600);
        Message newest = null;
        for (int i = 0; i < count; i++) {
            newest = Message.fromUser(room.id(), MessageId.of(start.plusMillis(i), "old" + i), writer,
                    MessageContent.of("history " + i), Optional.empty());
            writes.add(put(Items.message(newest, i + 2)));
        }
        writes.add(put(Items.lastMessage(newest, count + 1)));
        items.batchWrite(writes);
        DynamoDbMemberships memberships = new DynamoDbMemberships(items);
        memberships.moveUpTo(room.id(), writer, count + 1, Instant.now());
        memberships.moveUpTo(room.id(), reader, count + 1, Instant.now());
    }

    private static software.amazon.awssdk.services.dynamodb.model.WriteRequest put(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        return software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                .putRequest(b -> b.item(item)).build();
    }

    private UserId firstMember(Room room, List<ConnectionId> connections) {
        return chat.identify().userOf(connections.get(0)).fold(u -> u, r -> null);
    }

    private Room roomOf(int members, int connectionsEach, List<ConnectionId> connections) {
        List<UserId> users = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            UserId user = Fixtures.user("member" + i);
            users.add(user);
            for (int c = 0; c < connectionsEach; c++) {
                ConnectionId connection = connect(user);
                if (c == 0) {
                    connections.add(connection);
                }
            }
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
        // the user of the connection, as a runtime knows it
        return chat.identify().whoIs(from).then(sender -> chat.sendMessage().send(
                new SendMessageCommand(sender, from, room.id(), MessageContent.of("hello"),
                        clientMessageId.map(ClientMessageId::of))));
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
