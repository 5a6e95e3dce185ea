package io.chatkit.core.service;

import io.chatkit.adapter.inmemory.InMemoryConnectionStore;
import io.chatkit.adapter.inmemory.InMemoryMessageStore;
import io.chatkit.adapter.inmemory.RecordingPusher;
import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomName;
import io.chatkit.core.domain.UserId;
import io.chatkit.testkit.fixtures.MutableClock;
import io.chatkit.testkit.fixtures.SequenceIds;
import io.chatkit.core.port.in.ConnectUseCase.ConnectCommand;
import io.chatkit.core.port.in.CreateRoomUseCase.CreateRoomCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.SendMessageUseCase.SendMessageCommand;
import io.chatkit.core.port.in.SendMessageUseCase.SentMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The whole chat on the in-memory adapters, with a hand-moved clock and predictable ids. */
final class ChatHarness {
    static final Duration TTL = Duration.ofHours(24);

    final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
    final InMemoryConnectionStore connections = new InMemoryConnectionStore();
    final InMemoryMessageStore messages = new InMemoryMessageStore();
    final RecordingPusher pusher = new RecordingPusher();
    final ChatServices chat;
    private final AtomicInteger connectionNumber = new AtomicInteger();

    ChatHarness() {
        this(ChatLimits.DEFAULTS);
    }

    ChatHarness(ChatLimits limits) {
        chat = ChatServices.builder()
                .connections(connections)
                .messages(messages)
                .pusher(pusher)
                .clock(clock)
                .ids(new SequenceIds("id"))
                .connectionTtl(TTL)
                .executor(Runnable::run)
                .limits(limits)
                .build();
    }

    ConnectionId connect(UserId user) {
        ConnectionId id = ConnectionId.of("conn" + connectionNumber.incrementAndGet() + "=");
        Connection connection = accepted(chat.connect().connect(new ConnectCommand(id, user, clock.instant())));
        return connection.id();
    }

    Room createRoom(UserId creator, UserId... others) {
        Outcome<Room> outcome = chat.createRoom().createRoom(
                new CreateRoomCommand(creator, Set.copyOf(Arrays.asList(others)), RoomName.of("team")));
        return accepted(outcome);
    }

    Outcome<SentMessage> send(ConnectionId from, RoomId room, String text) {
        clock.advance(Duration.ofSeconds(1));
        // the user of the connection, as a runtime knows it
        return chat.identify().whoIs(from).then(sender -> chat.sendMessage().send(
                new SendMessageCommand(sender, from, room, MessageContent.of(text), Optional.empty())));
    }

    static <T> T accepted(Outcome<T> outcome) {
        if (outcome instanceof Outcome.Accepted<T> accepted) {
            return accepted.value();
        }
        throw new AssertionError("expected acceptance, got " + outcome);
    }
}
