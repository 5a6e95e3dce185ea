package io.chatkit.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatkit.adapter.dynamodb.ChatTable;
import io.chatkit.adapter.dynamodb.DynamoDbConnectionStore;
import io.chatkit.adapter.dynamodb.DynamoDbMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase.ChangesQuery;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.EditMessageCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.ReactCommand;
import io.chatkit.core.port.in.ChangeMessageUseCase.Reacted;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.GetMessagesUseCase.GetMessagesQuery;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.PageSize;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.service.ChatServices;
import io.chatkit.testkit.dynamodb.Dynalite;
import io.chatkit.testkit.dynamodb.RequiresDynalite;
import io.chatkit.testkit.fixtures.Fixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Edits racing a delete of one message, on DynamoDB: whatever the order they land in, a deleted message stays deleted,
 * every change that went through is in the room's sequence once, and the message is as the last of them left it.
 */
@ExtendWith(RequiresDynalite.class)
class ChangeRacesTest {

    @RepeatedTest(3)
    void edits_racing_a_delete_leave_it_deleted_and_every_change_in_the_sequence() throws Exception {
        ChatServices chat = chatOnANewTable();
        UserId alice = Fixtures.user("alice");
        UserId bob = Fixtures.user("bob");
        ConnectionId tab = Fixtures.connectionId();
        chat.connect().connect(new ConnectCommand(tab, alice, Instant.now()));
        Room room = accepted(chat.createRoom().createRoom(new CreateRoomCommand(alice, Set.of(bob), RoomName.of(""))));
        Message sent = accepted(chat.sendMessage().send(new SendMessageCommand(alice, tab, room.id(),
                MessageContent.of("v0"), Optional.empty()))).message();
        String start = accepted(chat.changeMessage().changes(new ChangesQuery(alice, room.id(), Optional.empty(),
                PageSize.defaultSize()))).nextCursor();

        ExecutorService racers = Executors.newFixedThreadPool(6);
        List<CompletableFuture<Outcome<MessageChange>>> changes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String text = "v" + i;
            changes.add(CompletableFuture.supplyAsync(() -> chat.changeMessage().edit(new EditMessageCommand(alice,
                    tab, room.id(), sent.id(), MessageContent.of(text))), racers));
            if (i == 3) {
                changes.add(CompletableFuture.supplyAsync(() -> chat.changeMessage().delete(new DeleteMessageCommand(
                        alice, tab, room.id(), sent.id())), racers));
            }
        }
        changes.forEach(CompletableFuture::join);
        racers.shutdown();

        List<MessageChange> sequence = accepted(chat.changeMessage().changes(new ChangesQuery(alice, room.id(),
                Optional.of(start), PageSize.of(100)))).changes();
        Message now = accepted(chat.getMessages().getMessages(new GetMessagesQuery(alice, room.id(), PageSize.of(5),
                Optional.empty(), Optional.empty()))).page().items().get(0);
        assertThat(now.isDeleted()).as("the delete always lands: nothing stops it but an earlier delete").isTrue();
        assertThat(sequence).as("in order, each once").extracting(MessageChange::seq).isSorted().doesNotHaveDuplicates();
        assertThat(sequence).filteredOn(change -> change.kind() == MessageChange.Kind.DELETED).hasSize(1);
        assertThat(sequence.get(sequence.size() - 1).kind()).as("nothing applied after the delete")
                .isEqualTo(MessageChange.Kind.DELETED);
    }

    @RepeatedTest(3)
    void ten_members_reacting_at_once_all_count_and_each_change_is_in_the_sequence_once() throws Exception {
        ChatServices chat = chatOnANewTable();
        List<UserId> members = new ArrayList<>();
        List<ConnectionId> tabs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            members.add(Fixtures.user("m" + i));
            tabs.add(Fixtures.connectionId());
            chat.connect().connect(new ConnectCommand(tabs.get(i), members.get(i), Instant.now()));
        }
        Room room = accepted(chat.createRoom().createRoom(new CreateRoomCommand(members.get(0),
                Set.copyOf(members.subList(1, 10)), RoomName.of("ten"))));
        Message sent = accepted(chat.sendMessage().send(new SendMessageCommand(members.get(0), tabs.get(0), room.id(),
                MessageContent.of("party?"), Optional.empty()))).message();

        ExecutorService racers = Executors.newFixedThreadPool(10);
        List<CompletableFuture<Outcome<Reacted>>> reactions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int member = i;
            reactions.add(CompletableFuture.supplyAsync(() -> chat.changeMessage().react(new ReactCommand(
                    members.get(member), tabs.get(member), room.id(), sent.id(), Emoji.of("🎉"), true)), racers));
        }
        reactions.forEach(reaction -> accepted(reaction.join()));
        racers.shutdown();

        Message now = accepted(chat.getMessages().getMessages(new GetMessagesQuery(members.get(0), room.id(),
                PageSize.of(5), Optional.empty(), Optional.empty()))).page().items().get(0);
        assertThat(now.reactions().byEmoji().get("🎉")).as("exact: everyone, once").containsExactlyInAnyOrderElementsOf(
                members);
        List<MessageChange> sequence = accepted(chat.changeMessage().changes(new ChangesQuery(members.get(0),
                room.id(), Optional.of("0." + System.currentTimeMillis()), PageSize.of(100)))).changes();
        assertThat(sequence).hasSize(10).extracting(MessageChange::seq).isSorted().doesNotHaveDuplicates();
        assertThat(sequence.get(9).message().reactions().byEmoji().get("🎉")).hasSize(10);
    }

    /** The chat on the DynamoDB adapters, on a table of its own. */
    private static ChatServices chatOnANewTable() {
        String table = Dynalite.shared().newTable(ChatTable::createIfMissing);
        return ChatServices.builder()
                .connections(new DynamoDbConnectionStore(Store.client(), table, Store.EXECUTOR))
                .messages(new DynamoDbMessageStore(Store.client(), table, Store.EXECUTOR))
                .pusher(new RecordingPusher())
                .limits(Fixtures.LIMITS_OUT_OF_REACH)
                .executor(Store.EXECUTOR)
                .build();
    }

    private static <T> T accepted(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Accepted<T> accepted) {
            return accepted.value();
        }
        throw new AssertionError("expected acceptance, got " + outcome);
    }
}
