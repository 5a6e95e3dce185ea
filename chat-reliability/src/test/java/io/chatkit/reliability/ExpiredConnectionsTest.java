package io.chatkit.reliability;

import io.chatkit.testkit.fixtures.Fixtures;
import io.chatkit.adapter.dynamodb.ChatTable;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.protocol.ChatProtocol;
import io.chatkit.protocol.Reply;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.service.ChatServices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A connection whose TTL has passed but which DynamoDB has not deleted yet is gone to the chat: it receives nothing,
 * is not online, and a frame from it gets SESSION_EXPIRED, closes it at the gateway and deletes it.
 */
@ExtendWith(RequiresDynalite.class)
class ExpiredConnectionsTest {

    @Test
    void an_expired_but_undeleted_connection_receives_nothing_counts_as_offline_and_cannot_send() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient dynamoDb = Store.client();
        DynamoDbConnectionStore connections = new DynamoDbConnectionStore(dynamoDb, table, Store.EXECUTOR);
        RecordingPusher pusher = new RecordingPusher();
        ChatServices chat = ChatServices.builder().connections(connections)
                .messages(new DynamoDbMessageStore(dynamoDb, table, Store.EXECUTOR)).pusher(pusher)
                .limits(Fixtures.LIMITS_OUT_OF_REACH).build();
        UserId alice = UserId.of("alice");
        UserId bob = UserId.of("bob");
        ConnectionId stale = ConnectionId.of("stale=");
        ConnectionId fresh = ConnectionId.of("fresh=");
        chat.connect().connect(new ConnectCommand(stale, bob, Instant.now().minus(Duration.ofHours(25))));
        chat.connect().connect(new ConnectCommand(fresh, alice, Instant.now()));
        Room room = chat.createRoom().createRoom(new CreateRoomCommand(alice, Set.of(bob), RoomName.NONE))
                .fold(r -> r, r -> null);

        assertThat(Store.exists(dynamoDb, table, "CONNECTION#stale=", "METADATA")).as("still in the table").isTrue();
        assertThat(connections.liveConnectionsOf(List.of(bob), Instant.now())).as("not online").isEmpty();
        chat.sendMessage().send(new SendMessageCommand(alice, fresh, room.id(), MessageContent.of("hi"), Optional.empty()));
        assertThat(pusher.deliveredTo(stale)).isEmpty();
        assertThat(pusher.deliveredTo(fresh)).isNotEmpty();
        Outcome<?> fromStale = chat.sendMessage().send(
                new SendMessageCommand(bob, stale, room.id(), MessageContent.of("ghost"), Optional.empty()));
        assertThat(fromStale).isInstanceOfSatisfying(Outcome.Rejected.class,
                r -> assertThat(r.rejection().code()).isEqualTo(Rejection.Code.SESSION_EXPIRED));
        assertThat(pusher.closed()).as("closed at the gateway").containsExactly(stale);
        assertThat(Store.exists(dynamoDb, table, "CONNECTION#stale=", "METADATA")).as("and deleted at once").isFalse();
        assertThat(Store.userHasConnection(dynamoDb, table, "bob", "stale=")).isFalse();
        assertThat(pusher.deliveredTo(stale)).as("told why, and nothing else")
                .singleElement().isInstanceOf(io.chatkit.core.domain.Notification.SessionExpired.class);
    }
    @Test
    void an_expired_connection_tidied_out_of_its_users_item_by_a_later_connect_still_hears_session_expired() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        DynamoDbClient dynamoDb = Store.client();
        RecordingPusher pusher = new RecordingPusher();
        ChatServices chat = ChatServices.builder()
                .connections(new DynamoDbConnectionStore(dynamoDb, table, Store.EXECUTOR))
                .messages(new DynamoDbMessageStore(dynamoDb, table, Store.EXECUTOR)).pusher(pusher)
                .limits(Fixtures.LIMITS_OUT_OF_REACH).build();
        UserId bob = UserId.of("bob");
        ConnectionId old = ConnectionId.of("old=");
        chat.connect().connect(new ConnectCommand(old, bob, Instant.now().minus(Duration.ofHours(25))));
        chat.connect().connect(new ConnectCommand(ConnectionId.of("new="), bob, Instant.now()));
        assertThat(Store.userHasConnection(dynamoDb, table, "bob", "old=")).as("tidied away by the new connect").isFalse();

        Reply reply = new ChatProtocol(chat)
                .handle(old, "{\"action\":\"listRooms\",\"requestId\":\"r1\"}");

        assertThat(reply.frame()).as("a frame from it is answered").contains("\"code\":\"SESSION_EXPIRED\"")
                .contains("\"requestId\":\"r1\"");
        assertThat(pusher.deliveredTo(old)).as("and it is told, pushed, before it is closed")
                .singleElement().isInstanceOf(io.chatkit.core.domain.Notification.SessionExpired.class);
        assertThat(pusher.closed()).as("closed at the gateway").containsExactly(old);
        assertThat(Store.exists(dynamoDb, table, "CONNECTION#old=", "METADATA")).isFalse();
    }
}
