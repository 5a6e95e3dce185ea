package io.chatkit.reliability;

import io.chatkit.adapter.dynamodb.ChatTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
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
    static final int MARK_READS_PER_THREAD = SENDS_PER_THREAD / MARK_READ_EVERY;

    abstract static class Scenario {
        abstract ConnectionStore connections();

        abstract MessageStore messages();

        /** Connection records still in the store, expired or not. */
        abstract int storedConnectionRecords();

        /**
         * How far a member's unread count may be off while mark-reads race sends into the same room: 0 where
         * the store is one atomic unit; a little on DynamoDB, until the member's next mark-read recounts it
         * (see docs/dynamodb-design.md, "Known limits").
         */
        abstract int unreadDriftAllowedUnderRaces();

        @Test
        void nothing_lost_nothing_doubled_counts_agree_and_no_connection_left() throws Exception {
            ChatServices chat = ChatServices.builder().connections(connections()).messages(messages())
                    .pusher(new RecordingPusher()).build();
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
                        Outcome<?> sent = chat.sendMessage().send(new SendMessageCommand(connection, room.id(),
                                MessageContent.of(me + " #" + i), Optional.of(ClientMessageId.of(me + "-" + i))));
                        MessageId id = ((io.chatkit.core.port.in.SendMessageUseCase.SentMessage)
                                ((Outcome.Accepted<?>) sent).value()).message().id();
                        mine.add(id);
                        if (i % MARK_READ_EVERY == MARK_READ_EVERY - 1) {
                            chat.markRead().markRead(new MarkReadCommand(me, room.id(), id));
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
            assertThat(pageThrough(chat, members.get(3), room).stream().map(Message::id).toList())
                    .as("the same order on every paging").isEqualTo(ids);
            int worstDrift = 0;
            for (UserId member : members) {
                RoomSummary summary = messages().roomsOf(member, Optional.empty(), 10).get(0);
                long unread = pagedHistory.stream().filter(m -> !m.isReadBy(member)).count();
                worstDrift = Math.max(worstDrift, (int) Math.abs(summary.unreadCount() - unread));
                assertThat(summary.unreadCount()).as("unread of " + member)
                        .isCloseTo((int) unread, org.assertj.core.data.Offset.offset(unreadDriftAllowedUnderRaces()));
                assertThat(summary.lastMessageId()).isEqualTo(ids.get(0));
                assertThat(connections().liveConnectionsOf(List.of(member), Instant.now())).isEmpty();
            }
            for (UserId member : members) {
                // At rest, one read puts the count right: it is recounted, not adjusted.
                chat.markRead().markRead(new MarkReadCommand(member, room.id(), ids.get(ids.size() / 2)));
                List<Message> now = pageThrough(chat, member, room);
                long unread = now.stream().filter(m -> !m.isReadBy(member)).count();
                assertThat(messages().roomsOf(member, Optional.empty(), 10).get(0).unreadCount())
                        .as("unread of " + member + " after a read at rest").isEqualTo(unread);
            }
            assertThat(storedConnectionRecords()).as("no connection record left").isZero();
            System.out.printf("concurrency on %s: %d threads x %d sends with connects, disconnects and mark-reads in"
                    + " %d s; stored %d, duplicates 0, lost 0, stale connection records 0, worst unread drift %d%n",
                    getClass().getSimpleName(), THREADS, SENDS_PER_THREAD, seconds, ids.size() - 1, worstDrift);
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
                        PageSize.of(100), cursor, Optional.empty())).fold(p -> p, r -> null);
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

        @Override
        int unreadDriftAllowedUnderRaces() {
            return 0;
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

        @Override
        int storedConnectionRecords() {
            return Store.itemsWithPrefix(client, table, "CONNECTION#").size()
                    + (int) Store.itemsWithPrefix(client, table, "USER#").stream()
                    .filter(item -> item.get("SK").s().startsWith("CONNECTION#")).count();
        }

        /** Each of a member's mark-reads can miscount at most the sends in flight then: one per other sender. */
        @Override
        int unreadDriftAllowedUnderRaces() {
            return MARK_READS_PER_THREAD * (THREADS - 1);
        }
    }
}
