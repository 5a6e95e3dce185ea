package io.chatkit.reliability;


import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.MarkReadUseCase.MarkReadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.StoreException;
import io.chatkit.core.service.ChatServices;
import io.chatkit.core.service.RoomHistory;
import io.chatkit.core.service.RoomListing;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * DynamoDB breaks under the chat: a fifth of the requests lose their answer after being applied (500 or
 * throttling), some stall past the attempt timeout. The SDK retries within its policy; when it gives up,
 * the sender gets an error and retries with the same clientMessageId. Afterwards, with the faults off:
 * every message stored exactly once, nothing acknowledged is missing, unread counts agree with readBy.
 */
@ExtendWith(RequiresDynalite.class)
class DynamoDbFaultsTest {
    static final int SENDS = 150;
    /** The STANDARD retry mode's attempts per request. */
    static final int SDK_ATTEMPTS = 3;
    private final FaultInjector faults = new FaultInjector(42, 0.10, 0.02, 300);
    private final AttemptCounter attempts = new AttemptCounter();
    private int errorsReportedToSender;
    private int retriesBySender;

    @Test
    void under_lost_answers_and_stalls_every_send_is_stored_once_or_reported_and_retried() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient faulty = DynamoDbClient.builder()
                .endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(faults).addExecutionInterceptor(attempts)
                        .retryStrategy(RetryMode.STANDARD)
                        .apiCallAttemptTimeout(Duration.ofMillis(200)))
                .build();
        MessageStore messages = new DynamoDbMessageStore(faulty, table, Store.EXECUTOR);
        ChatServices chat = ChatServices.builder()
                .connections(new DynamoDbConnectionStore(faulty, table, Store.EXECUTOR))
                .messages(messages)
                .pusher(new RecordingPusher())
                .limits(Fixtures.LIMITS_OUT_OF_REACH)
                .build();
        UserId alice = UserId.of("alice");
        UserId bob = UserId.of("bob");
        UserId carol = UserId.of("carol");
        ConnectionId aliceTab = ConnectionId.of("alice-tab=");
        retrying(() -> chat.connect().connect(new ConnectCommand(aliceTab, alice, Instant.now())));
        Room room = retrying(() -> accepted(chat.createRoom().createRoom(
                new CreateRoomCommand(alice, Set.of(bob, carol), RoomName.of("faults")))));

        List<MessageId> acknowledged = new ArrayList<>();
        for (int i = 0; i < SENDS; i++) {
            SendMessageCommand send = new SendMessageCommand(alice, aliceTab, room.id(), MessageContent.of("m" + i),
                    Optional.of(ClientMessageId.of("send-" + i)));
            if (i == SENDS / 2) {
                faults.loseNextAnswers(4 * SDK_ATTEMPTS);
            }
            SentMessage sent = retrying(() -> accepted(chat.sendMessage().send(send)));
            acknowledged.add(sent.message().id());
            if (i % 25 == 24) {
                MessageId upTo = sent.message().id();
                retrying(() -> accepted(chat.markRead().markRead(new MarkReadCommand(bob, room.id(), upTo))));
            }
        }
        faults.disable();

        List<Message> history = new RoomHistory(messages).messagesBefore(room.id(), Optional.empty(), 10_000);
        List<Message> userMessages = history.stream().filter(m -> m.type() == io.chatkit.core.domain.MessageType.USER)
                .toList();
        Set<String> clientIds = new HashSet<>();
        userMessages.forEach(m -> clientIds.add(m.clientMessageId().orElseThrow().value()));
        assertThat(faults.injectedTotal()).as("faults were injected").isGreaterThan(SENDS / 2);
        assertThat(errorsReportedToSender).as("the burst outlasted the SDK's retries: the sender saw an error")
                .isGreaterThanOrEqualTo(1);
        assertThat(retriesBySender).as("and retried with the same clientMessageId").isGreaterThanOrEqualTo(1);
        // The SDK retried within its policy: each injected fault is a failed attempt, which the SDK either retried
        // (an attempt beyond its call's first) or which ended its call after the policy's 3 attempts.
        assertThat(attempts.sdkRetries()).as("retries by the SDK").isPositive()
                .isGreaterThanOrEqualTo(faults.injectedTotal() - attempts.failedCalls());
        assertThat(attempts.mostAttemptsOfOneCall()).as("attempts of one call, at most the policy's")
                .isEqualTo(SDK_ATTEMPTS);
        assertThat(userMessages).as("stored exactly once each").hasSize(SENDS);
        assertThat(clientIds).hasSize(SENDS);
        assertThat(history.stream().map(Message::id).toList()).containsAll(acknowledged);
        assertThat(new HashSet<>(acknowledged)).hasSize(SENDS);
        for (UserId member : List.of(alice, bob, carol)) {
            long unread = history.stream().filter(m -> !m.isReadBy(member)).count();
            RoomSummary summary = new RoomListing(messages).roomsOf(member, Optional.empty(), 10).rooms().get(0);
            assertThat(summary.unreadCount()).as("unread count of " + member).isEqualTo(unread);
            assertThat(summary.lastMessageId()).isEqualTo(history.get(0).id());
        }
        System.out.printf("DynamoDB faults: %d sends, %d faults injected (%d lost answers as 500, %d as throttling,"
                        + " %d stalls), %d retried by the SDK, %d errors reported to the sender and retried; stored %d,"
                        + " duplicates 0, lost 0%n",
                SENDS, faults.injectedTotal(), faults.injected(FaultInjector.Fault.LOST_ANSWER_500),
                faults.injected(FaultInjector.Fault.LOST_ANSWER_THROTTLED), faults.injected(FaultInjector.Fault.STALL),
                attempts.sdkRetries(), errorsReportedToSender, userMessages.size());
    }

    @Test
    void a_send_retried_after_its_first_attempt_stored_it_but_never_pushed_reaches_every_member() {
        RequestDropper dropper = new RequestDropper();
        HalfFinished chat = new HalfFinished(dropper);
        Message before = chat.send("before", Optional.empty()).message();
        // The first attempt stores the message and moves the room, but cannot read the members' connections:
        // it fails before any push.
        dropper.drop(request -> request instanceof BatchGetItemRequest batch && batch.requestItems().values().stream()
                .flatMap(k -> k.keys().stream()).anyMatch(key -> key.get("SK").s().equals("CONNECTIONS")));
        assertThat(chat.sendFails("the news", "news-1")).isTrue();
        dropper.stop();
        assertThat(chat.messagesAfter(before)).extracting(m -> m.content().text()).containsExactly("the news");
        assertThat(chat.pusher.deliveredTo(chat.bobTab)).as("nobody was told yet").hasSize(1);

        SentMessage retry = chat.send("the news", Optional.of("news-1"));

        assertThat(retry.duplicate()).isTrue();
        chat.assertEveryMemberGotOnce(retry.message());
        assertThat(chat.messagesAfter(before)).extracting(Message::id).containsExactly(retry.message().id());
        chat.assertUnreadCountsExact();
    }

    @Test
    void a_send_retried_after_its_first_attempt_died_before_writing_the_message_stores_and_pushes_it_once() {
        RequestDropper dropper = new RequestDropper();
        HalfFinished chat = new HalfFinished(dropper);
        Message before = chat.send("before", Optional.empty()).message();
        // The first attempt reserves the id and takes the message's place, then dies: no message, no positions.
        dropper.drop(request -> request instanceof PutItemRequest put && put.item().get("SK").s().startsWith("MESSAGE#")
                || request instanceof UpdateItemRequest update && update.key().get("SK").s().startsWith("CHATROOM#"));
        assertThat(chat.sendFails("lost half-way", "half-1")).isTrue();
        dropper.stop();
        assertThat(chat.messagesAfter(before)).as("the first attempt stored nothing").isEmpty();

        SentMessage retry = chat.send("lost half-way", Optional.of("half-1"));

        assertThat(retry.duplicate()).isTrue();
        assertThat(chat.messagesAfter(before)).extracting(Message::id).containsExactly(retry.message().id());
        chat.assertEveryMemberGotOnce(retry.message());
        chat.assertUnreadCountsExact();
    }

    @Test
    void a_room_creation_whose_answer_was_lost_is_retried_by_the_sdk_into_exactly_one_room() {
        FaultInjector lostAnswers = new FaultInjector(7, 0, 0, 0);
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient faulty = faultyClient(lostAnswers);
        MessageStore messages = new DynamoDbMessageStore(faulty, table, Store.EXECUTOR);
        ChatServices chat = ChatServices.builder()
                .connections(new DynamoDbConnectionStore(faulty, table, Store.EXECUTOR))
                .messages(messages).pusher(new RecordingPusher()).build();
        UserId dana = UserId.of("dana");

        lostAnswers.loseNextAnswers(1); // the room's METADATA is written, its answer is a 500, the SDK retries
        Room room = accepted(chat.createRoom().createRoom(
                new CreateRoomCommand(dana, Set.of(UserId.of("eve")), RoomName.of("once"))));

        assertThat(lostAnswers.injected(FaultInjector.Fault.LOST_ANSWER_500)).isEqualTo(1);
        assertThat(new RoomListing(messages).roomsOf(dana, Optional.empty(), 10).rooms()).extracting(s -> s.room().id()).containsExactly(room.id());
        assertThat(Store.itemsWithPrefix(faulty, table, "CHATROOM#")).filteredOn(i -> i.get("SK").s().equals("METADATA"))
                .hasSize(1);
    }

    private static DynamoDbClient faultyClient(software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(Dynalite.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> {
                    for (var interceptor : interceptors) {
                        o.addExecutionInterceptor(interceptor);
                    }
                    o.retryStrategy(RetryMode.STANDARD).apiCallAttemptTimeout(Duration.ofMillis(500));
                })
                .build();
    }

    /** Alice sends to Bob and Carol (two tabs each) through a client whose requests can be dropped. */
    private static final class HalfFinished {
        final RecordingPusher pusher = new RecordingPusher();
        final UserId alice = UserId.of("alice");
        final UserId bob = UserId.of("bob");
        final UserId carol = UserId.of("carol");
        final ConnectionId aliceTab = ConnectionId.of("alice-1=");
        final ConnectionId bobTab = ConnectionId.of("bob-1=");
        final List<ConnectionId> tabs = List.of(aliceTab, ConnectionId.of("alice-2="), bobTab,
                ConnectionId.of("bob-2="), ConnectionId.of("carol-1="), ConnectionId.of("carol-2="));
        final MessageStore messages;
        final ChatServices chat;
        final Room room;

        HalfFinished(RequestDropper dropper) {
            String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
            DynamoDbClient client = faultyClient(dropper);
            messages = new DynamoDbMessageStore(client, table, Store.EXECUTOR);
            chat = ChatServices.builder().connections(new DynamoDbConnectionStore(client, table, Store.EXECUTOR))
                    .messages(messages).pusher(pusher).build();
            for (ConnectionId tab : tabs) {
                UserId user = UserId.of(tab.value().substring(0, tab.value().indexOf('-')));
                chat.connect().connect(new ConnectCommand(tab, user, Instant.now()));
            }
            room = accepted(chat.createRoom().createRoom(new CreateRoomCommand(alice, Set.of(bob, carol),
                    RoomName.of("half-finished"))));
            pusher.clear();
        }

        SentMessage send(String text, Optional<String> clientMessageId) {
            return accepted(chat.sendMessage().send(new SendMessageCommand(alice, aliceTab, room.id(),
                    MessageContent.of(text), clientMessageId.map(ClientMessageId::of))));
        }

        boolean sendFails(String text, String clientMessageId) {
            try {
                send(text, Optional.of(clientMessageId));
                return false;
            } catch (StoreException expected) {
                return true;
            }
        }

        List<Message> messagesAfter(Message message) {
            return new RoomHistory(messages).messagesAfter(room.id(), message.id(), 100);
        }

        /** Every connection of every member once, but the sender's own: it has the message as its reply. */
        void assertEveryMemberGotOnce(Message message) {
            for (ConnectionId tab : tabs) {
                assertThat(pusher.deliveredTo(tab, Notification.MessagePosted.class))
                        .as("pushes to " + tab).filteredOn(posted -> posted.message().id().equals(message.id()))
                        .hasSize(tab.equals(aliceTab) ? 0 : 1);
            }
        }

        void assertUnreadCountsExact() {
            List<Message> history = new RoomHistory(messages).messagesBefore(room.id(), Optional.empty(), 100);
            for (UserId member : List.of(alice, bob, carol)) {
                long unread = history.stream().filter(m -> !m.isReadBy(member)).count();
                assertThat(new RoomListing(messages).roomsOf(member, Optional.empty(), 1).rooms().get(0).unreadCount())
                        .as("unread of " + member).isEqualTo(unread);
            }
        }
    }

    /** The client's side: an error is reported, so it tries again (same command, same clientMessageId). */
    private <T> T retrying(Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (StoreException e) {
                errorsReportedToSender++;
                if (attempt == 20) {
                    throw e;
                }
                retriesBySender++;
            }
        }
    }

    private void retrying(Runnable call) {
        retrying(() -> {
            call.run();
            return null;
        });
    }

    private static <T> T accepted(Outcome<T> outcome) {
        return outcome.fold(v -> v, r -> {
            throw new AssertionError("rejected: " + r);
        });
    }
}
