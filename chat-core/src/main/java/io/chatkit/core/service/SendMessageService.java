package io.chatkit.core.service;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.in.SendMessageUseCase;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.SendClaims.RoomAndClaim;
import io.chatkit.core.port.out.SendClaims.SendClaim;
import io.chatkit.core.port.out.SendClaims.SendKey;
import io.chatkit.core.service.MessagePosting.Posted;
import io.chatkit.core.port.out.PushResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Sends in three rounds of store calls: (1) the frame taken from the sender's allowance (which finds the connection)
 * beside the room with the sender's earlier attempt of a retried send; (2+3) the message's place and writes
 * ({@link MessagePosting}), while the members' connections are looked up alongside them;
 * the push starts as soon as the message itself is stored — to every connection of every member but the sender's
 * own, which has the message as its reply. A retry pushes again: the first attempt may have stopped before its
 * push, and clients drop a {@code messageId} they already have.
 */
public final class SendMessageService implements SendMessageUseCase {
    private final ConnectionStore connections;
    private final MessageStore messages;
    private final MessagePosting posting;
    private final Broadcaster broadcaster;
    private final CallerConnections callers;
    private final Clock clock;
    private final IdGenerator ids;
    private final Executor executor;
    private final Allowances allowances;
    private final AttachmentFiles files;

    SendMessageService(ConnectionStore connections, MessageStore messages, MessagePosting posting,
                       Broadcaster broadcaster, Clock clock, IdGenerator ids, Executor executor, Allowances allowances,
                       AttachmentFiles files) {
        this.allowances = allowances;
        this.files = files;
        this.connections = connections;
        this.messages = messages;
        this.posting = posting;
        this.broadcaster = broadcaster;
        this.callers = new CallerConnections(broadcaster);
        this.clock = clock;
        this.ids = ids;
        this.executor = executor;
    }

    @Override
    public Outcome<SentMessage> send(SendMessageCommand command) {
        Instant now = clock.instant();
        // The frame is taken from the sender's allowance, on condition that the connection is theirs, beside
        // reading the room and the sender's earlier attempt: one round for both.
        return SideBySide.both(executor,
                () -> allowances.lookUpAs(command.connection(), command.sender(), now),
                () -> target(command, command.sender(), now),
                (looked, target) -> looked.connection().filter(found -> !found.userId().equals(command.sender()))
                        .isPresent()
                        ? Outcome.rejected(Code.NOT_CONNECTED, "connection " + command.connection() + " is not "
                                + command.sender() + "'s")
                        : allowances.admitFrame(callers.live(command.connection(), looked.connection(), now),
                                looked, now).then(caller -> send(command, now, caller, target)));
    }

    /**
     * The room and the sender's earlier attempt of a retried send, read together so that a retry is recognised
     * before anything is written (and a send costs no extra round for being idempotent). A claim that expired at
     * {@code now} is no earlier attempt.
     */
    private Target target(SendMessageCommand command, UserId sender, Instant now) {
        Optional<SendKey> key = command.clientMessageId().map(id -> new SendKey(command.roomId(), sender, id));
        RoomAndClaim read = messages.sendClaims().findRoomAndClaim(command.roomId(), key);
        return new Target(read.room(), read.claim().filter(claim -> claim.isLiveAt(now)));
    }

    private record Target(Optional<Room> room, Optional<SendClaim> earlier) {
    }

    private Outcome<SentMessage> send(SendMessageCommand command, Instant now, Connection caller, Target target) {
        return RoomGuard.memberOf(target.room(), command.roomId(), caller.userId())
                .then(member -> sameMessage(command, target.earlier().map(SendClaim::contentFingerprint))
                        .then(same -> mentioned(command, member))
                        .then(mentions -> repliedTo(command)
                                .then(reply -> files.takeFor(command.roomId(), caller.userId(),
                                                command.attachments(), sendKey(command))
                                        .then(attached -> store(command, now, caller, member, target.earlier(),
                                                reply, attached)))));
    }

    /**
     * Names this send for the files it takes: a retry under the same client message id takes them again; without
     * one, every attempt is a new message.
     */
    private String sendKey(SendMessageCommand command) {
        return command.sender().value() + "#" + command.clientMessageId().map(ClientMessageId::value)
                .orElseGet(() -> "once-" + ids.next());
    }

    /** Who is mentioned: members of the room, every one; anyone else refuses the send, and nothing is stored. */
    private static Outcome<Set<UserId>> mentioned(SendMessageCommand command, Room room) {
        List<UserId> strangers = command.mentions().stream().filter(user -> !room.hasMember(user)).sorted().toList();
        if (!strangers.isEmpty()) {
            return Outcome.rejected(Code.INVALID_INPUT, "mentions: " + strangers + " are not members of room "
                    + room.id() + "; only members can be mentioned");
        }
        return Outcome.accepted(command.mentions());
    }

    /** The snapshot of the message a reply answers: one read, a reply's only cost more; of this room, or refused. */
    private Outcome<Optional<ReplyTo>> repliedTo(SendMessageCommand command) {
        if (command.replyTo().isEmpty()) {
            return Outcome.accepted(Optional.empty());
        }
        MessageId answered = command.replyTo().get();
        return messages.log().find(command.roomId(), answered)
                .map(placed -> Outcome.accepted(Optional.of(ReplyTo.of(placed.message()))))
                .orElseGet(() -> Outcome.rejected(Code.UNKNOWN_MESSAGE, "replyTo: room " + command.roomId()
                        + " has no message " + answered));
    }

    /** The connections of members who did not block the sender (the room keeps who did: no read more). */
    private static List<Connection> unmuted(List<Connection> connections, Room room, UserId sender) {
        return connections.stream().filter(connection -> !room.isMuted(connection.userId(), sender)).toList();
    }

    /** A client message id reused for other content is refused: answering with the earlier message would lose it. */
    private static Outcome<SendMessageCommand> sameMessage(SendMessageCommand command, Optional<String> earlier) {
        if (earlier.isPresent() && !earlier.get().equals(
                Message.fingerprintOf(command.content(), command.attachments()))) {
            return Outcome.rejected(Code.INVALID_INPUT, "clientMessageId " + command.clientMessageId().orElseThrow()
                    + " was used for another message in this room; give a new message a new clientMessageId");
        }
        return Outcome.accepted(command);
    }

    private Outcome<SentMessage> store(SendMessageCommand command, Instant now, Connection sender, Room room,
                                       Optional<SendClaim> earlier, Optional<ReplyTo> replyTo,
                                       List<Attachment> attachments) {
        Message message = Message.fromUser(command.roomId(), MessageId.of(now, ids.next()), sender.userId(),
                command.content(), command.clientMessageId()).replying(replyTo, command.mentions())
                .withAttachments(attachments);
        CompletableFuture<List<Connection>> recipients =
                CompletableFuture.supplyAsync(() -> connections.liveConnectionsOf(room.members(), now), executor);
        // The push starts once the message is stored and its recipients known, while the store may still be
        // moving the members' list positions.
        CompletableFuture<Message> stored = new CompletableFuture<>();
        CompletableFuture<Map<ConnectionId, PushResult>> pushed = recipients.thenCombineAsync(stored,
                (to, posted) -> broadcaster.tell(Broadcaster.butAnswered(unmuted(to, room, sender.userId()),
                                Optional.of(command.connection())),
                        new Notification.MessagePosted(files.withDownloads(posted))), executor);
        Posted appended;
        try {
            appended = posting.post(room, message, earlier, stored::complete);
        } catch (RuntimeException e) {
            stored.cancel(false); // no push unless the message was stored before the failure
            SideBySide.settle(pushed);
            throw e;
        }
        stored.complete(appended.message());
        SideBySide.join(pushed);
        if (appended instanceof Posted.Duplicate duplicate) {
            // an attempt racing this one got there first: the same message, or another under a reused id
            return sameMessage(command, Optional.of(duplicate.message().fingerprint()))
                    .then(same -> Outcome.accepted(new SentMessage(files.withDownloads(duplicate.message()), true)));
        }
        return Outcome.accepted(new SentMessage(files.withDownloads(appended.message()), false));
    }
}
