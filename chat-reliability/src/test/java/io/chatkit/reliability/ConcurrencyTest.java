package io.chatkit.reliability;


import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.DisconnectUseCase.DisconnectCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.RoomListing;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * 8 members each send 500 messages into one room at once, while connecting, disconnecting and marking
 * read. Afterwards: every accepted message stored once, history in one total order that pages the same
 * way, each member's room position and unread count agreeing with the messages, no connection left.
 */
class ConcurrencyTest {
    static final int THREADS = 8;
    static final int SENDS_PER_THREAD = 500;
    static final int MARK_READ_EVERY = 125;

    abstract static class Scenario {
        abstract ConnectionStore connections();

        abstract MessageStore messages();

        /** Connection records still in the store, expired or not. */
        abstract int storedConnectionRecords();

        @Test
        void nothing_lost_nothing_doubled_counts_agree_and_no_connection_left() throws Exception {
            ChatServices chat = ChatServices.builder().connections(connections()).messages(messages())
                    .pusher(new RecordingPusher()).limits(Fixtures.LIMITS_OUT_OF_REACH).build();
            List<UserId> members = IntStream.range(0, THREADS).mapToObj(i -> UserId.of("member" + i)).toList();
            Room room = chat.createRoom().createRoom(new CreateRoomCommand(members.get(0),
                    Set.copyOf(members.subList(1, THREADS)), RoomName.of("busy"))).fold(r -> r, r -> null);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<MessageId>>> accepted = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                UserId me = members.get(t);
                int thread = t;
                accepted.add(pool.submit(() -> {
                    start.await();
                    List<MessageId> mine = new ArrayList<>();
                    ConnectionId connection = connect(chat, me, thread, 0);
                    for (int i = 0; i < SENDS_PER_THREAD; i++) {
                        if (i % 100 == 99) {
                            chat.disconnect().disconnect(new DisconnectCommand(connection));
                            connection = connect(chat, me, thread, i);
                        }
                        Outcome<?> sent = chat.sendMessage().send(new SendMessageCommand(me, connection, room.id(),
                                MessageContent.of(me + " #" + i), Optional.of(ClientMessageId.of(me + "-" + i))));
                        MessageId id = ((io.chatkit.core.port.in.SendMessageUseCase.SentMessage)
                                ((Outcome.Accepted<?>) sent).value()).message().id();
                        mine.add(id);
                        if (i % MARK_READ_EVERY == MARK_READ_EVERY - 1) {
                            // Reads the room's newest message, which others' sends are overtaking right now.
                            MessageId newest = chat.getMessages().getMessages(new GetMessagesQuery(me, room.id(),
                                    PageSize.of(1), Optional.empty(), Optional.empty())).fold(p -> p.page(), r -> null)
                                    .items().get(0).id();
                            chat.markRead().markRead(new MarkReadCommand(me, room.id(), newest));
                        }
                    }
                    chat.disconnect().disconnect(new DisconnectCommand(connection));
                    return mine;
                }));
            }
            start.countDown();
            Set<MessageId> acknowledged = new HashSet<>();
            for (Future<List<MessageId>> future : accepted) {
                acknowledged.addAll(future.get(10, TimeUnit.MINUTES));
            }
            pool.shutdown();
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;

            List<Message> pagedHistory = pageThrough(chat, members.get(0), room);
            List<MessageId> ids = pagedHistory.stream().map(Message::id).toList();
            assertThat(acknowledged).hasSize(THREADS * SENDS_PER_THREAD);
            assertThat(ids).hasSize(THREADS * SENDS_PER_THREAD + 1).doesNotHaveDuplicates()
                    .isSortedAccordingTo(java.util.Comparator.reverseOrder()).containsAll(acknowledged);
            for (UserId member : members.subList(1, members.size())) {
                assertThat(pageThrough(chat, member, room).stream().map(Message::id).toList())
                        .as("the same order paging as " + member).isEqualTo(ids);
            }
            long totalUnread = 0;
            for (UserId member : members) {
                RoomSummary summary = new RoomListing(messages()).roomsOf(member, Optional.empty(), 10).rooms().get(0);
                long unread = pagedHistory.stream().filter(m -> !m.isReadBy(member)).count();
                totalUnread += unread;
                assertThat(summary.unreadCount()).as("unread of " + member + ": exactly what the messages say")
                        .isEqualTo((int) unread);
                assertThat(summary.lastMessageId()).isEqualTo(ids.get(0));
                assertThat(connections().liveConnectionsOf(List.of(member), Instant.now())).isEmpty();
            }
            assertThat(totalUnread).as("the members have unread messages to count").isPositive();
            for (UserId member : members) {
                chat.markRead().markRead(new MarkReadCommand(member, room.id(), ids.get(0)));
                assertThat(pageThrough(chat, member, room)).allMatch(m -> m.isReadBy(member));
                assertThat(new RoomListing(messages()).roomsOf(member, Optional.empty(), 10).rooms().get(0).unreadCount())
                        .as("unread of " + member + " after reading the newest").isZero();
            }
            assertThat(storedConnectionRecords()).as("no connection record left").isZero();
            System.out.printf("concurrency on %s: %d threads x %d sends with connects, disconnects and mark-reads in"
                    + " %d s; stored %d, duplicates 0, lost 0, stale connection records 0, unread counts exact (%d in all)%n",
                    getClass().getSimpleName(), THREADS, SENDS_PER_THREAD, seconds, ids.size() - 1, totalUnread);
        }

        private static ConnectionId connect(ChatServices chat, UserId me, int thread, int round) {
            ConnectionId id = ConnectionId.of("c" + thread + "-" + round + "-" + System.nanoTime() + "=");
            chat.connect().connect(new ConnectCommand(id, me, Instant.now()));
            return id;
        }

        private static List<Message> pageThrough(ChatServices chat, UserId reader, Room room) {
            List<Message> all = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                Page<Message> page = chat.getMessages().getMessages(new GetMessagesQuery(reader, room.id(),
                        PageSize.of(100), cursor, Optional.empty())).fold(p -> p.page(), r -> null);
                all.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor.isPresent());
            return all;
        }
    }

    @Nested
    class InMemory extends Scenario {
        private final InMemoryConnectionStore connections = new InMemoryConnectionStore();
        private final InMemoryMessageStore messages = new InMemoryMessageStore();

        @Override
        ConnectionStore connections() {
            return connections;
        }

        @Override
        MessageStore messages() {
            return messages;
        }

        @Override
        int storedConnectionRecords() {
            return connections.size();
        }

    }

    @Nested
    @ExtendWith(RequiresDynalite.class)
    class OnDynamoDb extends Scenario {
        private final DynamoDbClient client = Store.client();
        private final String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        private final DynamoDbConnectionStore connections = new DynamoDbConnectionStore(client, table, Store.EXECUTOR);
        private final DynamoDbMessageStore messages = new DynamoDbMessageStore(client, table, Store.EXECUTOR);

        @Override
        ConnectionStore connections() {
            return connections;
        }

        @Override
        MessageStore messages() {
            return messages;
        }

        /** Connection items, and connections still named in the users' CONNECTIONS items. */
        @Override
        int storedConnectionRecords() {
            return Store.itemsWithPrefix(client, table, "CONNECTION#").size()
                    + (int) Store.itemsWithPrefix(client, table, "USER#").stream()
                    .flatMap(item -> item.keySet().stream()).filter(name -> name.startsWith("CONNECTION#")).count();
        }
    }
}
