package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.in.SendMessageUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.MessageStore.AppendResult;
import io.chatkit.core.port.out.MessageStore.EarlierSend;
import io.chatkit.core.port.out.MessageStore.SendTarget;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Sends in three rounds of store calls: (1) the sender's connection and the room (with the earlier attempt of
 * a retried send), together; (2+3) the append, while the members' connections are looked up alongside it;
 * then the push. A retry pushes again to every member: the first attempt may have stopped before its push,
 * and clients drop a {@code messageId} they already have.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final ConnectionStore connections;
    private final MessageStore messages;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final IdGenerator ids;
    private final Executor executor;

    SendMessageService(ConnectionStore connections, MessageStore messages, Broadcaster broadcaster, Clock clock,
                       IdGenerator ids, Executor executor) {
        this.connections = connections;
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.ids = ids;
        this.executor = executor;
    }

    @Override
    public Outcome<SentMessage> send(SendMessageCommand command) {
        Instant now = clock.instant();
        return Concurrently.both(executor,
                () -> connections.find(command.connectionId(), now),
                () -> messages.sendTarget(command.roomId(), command.clientMessageId()),
                (sender, target) -> send(command, now, sender, target));
    }

    private Outcome<SentMessage> send(SendMessageCommand command, Instant now, Optional<Connection> sender,
                                      SendTarget target) {
        if (sender.isEmpty()) {
            return Outcome.rejected(Code.NOT_CONNECTED, "connection " + command.connectionId() + " is not connected");
        }
        return RoomGuard.memberOf(target.room(), command.roomId(), sender.get().userId())
                .then(member -> store(command, now, sender.get(), member, target.earlier()));
    }

    private Outcome<SentMessage> store(SendMessageCommand command, Instant now, Connection sender, Room room,
                                       Optional<EarlierSend> earlier) {
        Message message = Message.fromUser(command.roomId(), MessageId.of(now, ids.next()), sender.userId(),
                command.content(), command.clientMessageId());
        return Concurrently.both(executor,
                () -> connections.liveConnectionsOf(room.members(), now),
                () -> messages.append(room, message, earlier),
                (recipients, appended) -> Outcome.accepted(new SentMessage(appended.message(),
                        appended instanceof AppendResult.Duplicate,
                        broadcaster.tell(recipients, new Notification.MessagePosted(appended.message())))));
    }
}
