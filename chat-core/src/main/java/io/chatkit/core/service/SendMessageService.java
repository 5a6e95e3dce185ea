package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.SendMessageUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.MessageStore.AppendResult;
import io.chatkit.core.port.out.MessageStore.EarlierSend;
import io.chatkit.core.port.out.MessageStore.SendTarget;
import io.chatkit.core.port.out.PushResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends in three rounds of store calls: (1) the sender's connection and the room (with the earlier attempt of
 * a retried send), together; (2+3) the append, while the members' connections are looked up alongside it;
 * the push starts as soon as the message itself is stored — to every connection of every member but the sender's
 * own, which has the message as its reply. A retry pushes again: the first attempt may have stopped before its
 * push, and clients drop a {@code messageId} they already have.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final ConnectionStore connections;
    private final MessageStore messages;
    private final Broadcaster broadcaster;
    private final Callers callers;
    private final Clock clock;
    private final IdGenerator ids;
    private final Executor executor;
    private final Allowances allowances;

    SendMessageService(ConnectionStore connections, MessageStore messages, Broadcaster broadcaster, Clock clock,
                       IdGenerator ids, Executor executor, Allowances allowances) {
        this.allowances = allowances;
        this.connections = connections;
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.callers = new Callers(broadcaster);
        this.clock = clock;
        this.ids = ids;
        this.executor = executor;
    }

    @Override
    public Outcome<SentMessage> send(SendMessageCommand command) {
        Instant now = clock.instant();
        return Concurrently.both(executor,
                () -> allowances.lookUp(command.connectionId(), now),
                () -> messages.sendTarget(command.roomId(), command.clientMessageId()),
                (sender, target) -> send(command, now, sender, target));
    }

    private Outcome<SentMessage> send(SendMessageCommand command, Instant now, Allowances.Caller sender,
                                      SendTarget target) {
        return allowances.admitFrame(callers.live(command.connectionId(), sender.connection(), now), sender, now)
                .then(caller -> RoomGuard.memberOf(target.room(), command.roomId(), caller.userId())
                        .then(member -> store(command, now, caller, member, target.earlier())));
    }

    private Outcome<SentMessage> store(SendMessageCommand command, Instant now, Connection sender, Room room,
                                       Optional<EarlierSend> earlier) {
        Message message = Message.fromUser(command.roomId(), MessageId.of(now, ids.next()), sender.userId(),
                command.content(), command.clientMessageId());
        CompletableFuture<List<Connection>> recipients =
                CompletableFuture.supplyAsync(() -> connections.liveConnectionsOf(room.members(), now), executor);
        // The push starts once the message is stored and its recipients known, while the store may still be
        // moving the members' list positions.
        CompletableFuture<Message> stored = new CompletableFuture<>();
        CompletableFuture<Map<ConnectionId, PushResult>> pushed = recipients.thenCombineAsync(stored,
                (to, posted) -> broadcaster.tell(Broadcaster.butAnswered(to, Optional.of(command.connectionId())),
                        new Notification.MessagePosted(posted)), executor);
        AppendResult appended;
        try {
            appended = messages.append(room, message, earlier, stored::complete);
        } catch (RuntimeException e) {
            stored.cancel(false); // no push unless the message was stored before the failure
            Concurrently.settle(pushed);
            throw e;
        }
        stored.complete(appended.message());
        return Outcome.accepted(new SentMessage(appended.message(), appended instanceof AppendResult.Duplicate,
                Concurrently.join(pushed)));
    }
}
