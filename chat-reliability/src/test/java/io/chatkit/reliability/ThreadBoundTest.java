package io.chatkit.reliability;

import io.chatkit.adapter.dynamodb.DynamoDbRateLimitStore;
import io.chatkit.testkit.fixtures.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.apigw.ApiGatewayPusher;
import io.chatkit.adapter.apigw.ManagementApiClients;
import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.MarkReadUseCase.ReadReceipt;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.ChatThreads;
import io.chatkit.core.service.MessagePosting;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.testkit.apigw.LoopbackManagementApi;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequestLog;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One bounded executor does all the side-by-side work of a container — the stores' batched reads and writes and
 * the pushes — so the threads a process starts do not grow with the room size or with how much a reader marks.
 * The test watches every thread started while a reader marks 3,000 messages read and a member sends to a
 * 50-member room with 3 connections each (150 pushes at 20 ms each, 5 ms per DynamoDB request), after one send
 * before it (which starts what a JVM starts once: the SDK's timers, the HTTP clients' pools). Only the executor's
 * threads may start meanwhile; the test's own loopback {@code @connections} and history writers aside, no thread is
 * left out (the JIT's compiler threads are all started with the JVM: {@code -XX:-UseDynamicNumberOfCompilerThreads}
 * in this module's test configuration).
 */
@ExtendWith(RequiresDynalite.class)
class ThreadBoundTest {
    private static final int BOUND = ChatThreads.DEFAULT_MAX_THREADS;

    @Test
    void marking_3000_read_and_a_send_to_150_connections_stay_within_the_bound() throws Exception {
        ThreadWatch watch = new ThreadWatch(); // everything alive now is not the chat's
        ExecutorService executor = ChatThreads.bounded(BOUND);
        RequestLog requests = new RequestLog();
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        try (LoopbackManagementApi gateway = LoopbackManagementApi.start("bound");
             ManagementApiClients clients = new ManagementApiClients(Region.US_EAST_1,
                     StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
             DynamoDbClient dynamoDb = pooledClient(requests)) {
            DynamoDbMessageStore messages = new DynamoDbMessageStore(dynamoDb, table, executor);
            ChatServices chat = ChatServices.builder()
                    .connections(new DynamoDbConnectionStore(dynamoDb, table, executor))
                    .messages(messages)
                    .rateLimits(new DynamoDbRateLimitStore(dynamoDb, table, executor))
                    .limits(Fixtures.LIMITS_OUT_OF_REACH)
                    .pusher(new ApiGatewayPusher(clients.clientFor(gateway.endpoint()), ChatProtocol::encode, executor,
                            ApiGatewayPusher.DEFAULT_MAX_IN_FLIGHT))
                    .executor(executor)
                    .build();
            List<UserId> members = IntStream.range(0, 50).mapToObj(i -> UserId.of("m" + i)).toList();
            List<ConnectionId> tabs = new ArrayList<>();
            for (UserId member : members) {
                for (int tab = 0; tab < 3; tab++) {
                    ConnectionId id = ConnectionId.of(member.value() + "-" + tab + "=");
                    chat.connect().connect(new ConnectCommand(id, member, Instant.now()));
                    gateway.open(id.value());
                    tabs.add(id);
                }
            }
            Room big = accepted(chat.createRoom().createRoom(new CreateRoomCommand(members.get(0),
                    Set.copyOf(members.subList(1, 50)), RoomName.of("big"))));
            Room pair = accepted(chat.createRoom().createRoom(new CreateRoomCommand(members.get(1),
                    Set.of(members.get(2)), RoomName.of("pair"))));
            Message newest = writeMessages(new MessagePosting(messages, executor, Clock.systemUTC()), pair, members.get(1), 3_000);
            requests.delayEachRequestBy(Duration.ofMillis(5));
            gateway.latency(Duration.ofMillis(20));
            accepted(chat.sendMessage().send(new SendMessageCommand(members.get(0), tabs.get(0), big.id(),
                    MessageContent.of("before the watch"), Optional.empty())));

            watch.start();
            ReadReceipt read = accepted(chat.markRead().markRead(new MarkReadCommand(members.get(2), pair.id(),
                    newest.id())));
            int postsBefore = gateway.posts();
            accepted(chat.sendMessage().send(new SendMessageCommand(members.get(0), tabs.get(0), big.id(),
                    MessageContent.of("everyone"), Optional.empty())));
            watch.stop();

            assertThat(read.newlyRead()).isEqualTo(3_000);
            assertThat(gateway.posts() - postsBefore).as("150 connections but the sender's own").isEqualTo(149);
            assertThat(tabs.subList(1, tabs.size())).as("each delivered").allSatisfy(tab ->
                    assertThat(gateway.received(tab.value())).anySatisfy(frame -> assertThat(frame).contains("everyone")));
            assertThat(watch.samples()).as("the watch was looking").isGreaterThan(10);
            assertThat(watch.executorPeak()).as("the executor's threads alive at once").isPositive()
                    .isLessThanOrEqualTo(BOUND);
            assertThat(watch.othersAtPeak()).as("threads started meanwhile that are not the executor's").isEmpty();
            System.out.printf("thread bound: marked 3,000 read and pushed to 150 connections with at most %d executor"
                    + " threads alive (bound %d) and %d others%n", watch.executorPeak(), BOUND, watch.othersAtPeak().size());
        } finally {
            executor.shutdownNow();
        }
    }

    /** A DynamoDB client as the Lambda composition builds it: pooled on Apache HttpClient 5. */
    private static DynamoDbClient pooledClient(RequestLog requests) {
        return DynamoDbClient.builder()
                .endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(Apache5HttpClient.builder().maxConnections(BOUND).build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(requests))
                .build();
    }

    /** {@code count} messages into a room straight through the store, two writers at once; returns the newest. */
    private static Message writeMessages(MessagePosting messages, Room room, UserId sender, int count)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2, task -> new Thread(task, "history-writer"));
        try {
            List<Future<Message>> written = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Message message = Message.fromUser(room.id(), MessageId.of(Instant.now(), "w" + i), sender,
                        MessageContent.of("old " + i), Optional.empty());
                written.add(writers.submit(() -> messages.post(room, message).message()));
            }
            Message newest = null;
            for (Future<Message> future : written) {
                Message message = future.get();
                newest = newest == null || message.id().compareTo(newest.id()) > 0 ? message : newest;
            }
            return newest;
        } finally {
            writers.shutdownNow();
        }
    }

    /**
     * Samples the threads alive every millisecond while watching: the executor's threads started since the test
     * began (its idle ones included) and any other thread started since the watch began, leaving out the test's own
     * server and writers.
     */
    private static final class ThreadWatch {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final Set<Long> beforeTheTest = new HashSet<>();
        private final Set<Long> beforeTheWatch = new HashSet<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger executorPeak = new AtomicInteger();
        private final AtomicInteger othersPeak = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private Thread sampler;
        private volatile List<String> namesAtPeak = List.of();

        ThreadWatch() {
            Arrays.stream(threads.getAllThreadIds()).forEach(beforeTheTest::add);
        }

        /**
         * Not the test's own server (the loopback {@code @connections} on the JDK's HttpServer: its workers,
         * dispatcher and idle timer) and writers: every other thread counts.
         */
        static boolean isChatThread(String name) {
            return !name.startsWith("loopback-management-api") && !name.equals("HTTP-Dispatcher")
                    && !name.equals("idle-timeout-task") && !name.startsWith("history-writer");
        }

        private static boolean isExecutors(ThreadInfo thread) {
            return thread.getThreadName().startsWith("chat-io-");
        }

        void start() {
            sampler = new Thread(this::sample, "thread-watch");
            Arrays.stream(threads.getAllThreadIds()).forEach(beforeTheWatch::add);
            beforeTheWatch.add(sampler.getId());
            sampler.start();
        }

        private void sample() {
            while (running.get()) {
                long[] ids = threads.getAllThreadIds();
                List<ThreadInfo> alive = Arrays.stream(threads.getThreadInfo(ids, 0)).filter(Objects::nonNull)
                        .filter(info -> isChatThread(info.getThreadName())).toList();
                long executor = alive.stream().filter(ThreadWatch::isExecutors)
                        .filter(info -> !beforeTheTest.contains(info.getThreadId())).count();
                List<String> others = alive.stream().filter(info -> !isExecutors(info))
                        .filter(info -> !beforeTheWatch.contains(info.getThreadId()))
                        .map(ThreadInfo::getThreadName).sorted().toList();
                executorPeak.accumulateAndGet((int) executor, Math::max);
                if (others.size() > othersPeak.get()) {
                    othersPeak.set(others.size());
                    namesAtPeak = others;
                }
                samples.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
        }

        int executorPeak() {
            return executorPeak.get();
        }

        /** The threads other than the executor's alive at their peak, to name in a failure. */
        List<String> othersAtPeak() {
            return namesAtPeak;
        }

        int samples() {
            return samples.get();
        }
    }

    private static <T> T accepted(Outcome<T> outcome) {
        return outcome.fold(value -> value, rejection -> {
            throw new AssertionError("rejected: " + rejection);
        });
    }
}
