package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.ConnectionStore;
import io.chatkit.core.port.out.MessageChanges;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Edits and deletions: the room (membership) and the message read, the rules checked, then the next place in the
 * room's change sequence taken, the message written under its condition (its sender's, not deleted, and no later
 * change applied: of two racing changes the later in the sequence stands), the change kept, the room's preview
 * changed if it was its last message, and the change pushed. A retry that finds its change applied keeps it if the
 * first attempt died before, and answers it again.
 */
final class ChangeMessageService implements ChangeMessageUseCase {
    private final MessageStore messages;
    private final ConnectionStore connections;
    private final Broadcaster broadcaster;
    private final Clock clock;

    ChangeMessageService(MessageStore messages, ConnectionStore connections, Broadcaster broadcaster, Clock clock) {
        this.messages = messages;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public Outcome<MessageChange> edit(EditMessageCommand command) {
        Instant now = clock.instant();
        return ownMessage(command.editor(), command.roomId(), command.messageId(), "edit").then(target -> {
            Message message = target.placed().message();
            if (message.content().equals(command.content())) {
                return message.editedAt().isPresent() ? replay(target, command.connection())
                        : Outcome.rejected(Code.INVALID_INPUT, "content: the message has this text already");
            }
            if (now.isAfter(message.createdAt().plus(EDIT_WINDOW))) {
                return Outcome.rejected(Code.INVALID_INPUT, "messageId: a message can be edited for "
                        + EDIT_WINDOW.toHours() + " hours after it was sent");
            }
            return apply(target, command.connection(), MessageChange.Kind.EDITED, message.edited(command.content(), now),
                    now, (edited, seq) -> messages.log().edit(edited, seq), command.content().preview());
        });
    }

    @Override
    public Outcome<MessageChange> delete(DeleteMessageCommand command) {
        Instant now = clock.instant();
        return ownMessage(command.deleter(), command.roomId(), command.messageId(), "delete").then(target ->
                apply(target, command.connection(), MessageChange.Kind.DELETED,
                        target.placed().message().erased(now), now,
                        (erased, seq) -> messages.log().erase(erased, seq), ""));
    }

    @Override
    public Outcome<ChangesPage> changes(ChangesQuery query) {
        return RoomGuard.memberOf(messages.rooms().find(query.roomId()), query.roomId(), query.reader())
                .then(room -> {
                    if (query.since().isEmpty()) {
                        long current = messages.changes().current(query.roomId());
                        return Outcome.accepted(new ChangesPage(List.of(),
                                new ChangeCursor(current, clock.instant()).text()));
                    }
                    Optional<ChangeCursor> since = ChangeCursor.parse(query.since().get());
                    if (since.isEmpty()) {
                        return Outcome.rejected(Code.INVALID_CURSOR, "since: not a change cursor of this room");
                    }
                    if (clock.instant().isAfter(since.get().issuedAt().plus(MessageChanges.RETENTION))) {
                        return Outcome.rejected(Code.CHANGES_EXPIRED, "changes older than "
                                + MessageChanges.RETENTION.toDays() + " days are not kept; reload the room");
                    }
                    List<MessageChange> changes = messages.changes().after(query.roomId(), since.get().seq(),
                            query.pageSize().value());
                    String next = changes.isEmpty() ? query.since().get()
                            : ChangeCursor.of(changes.get(changes.size() - 1)).text();
                    return Outcome.accepted(new ChangesPage(changes, next));
                });
    }

    /** A message of a room the caller is in, theirs, of a user, not deleted. */
    private Outcome<Target> ownMessage(UserId caller, RoomId roomId, MessageId id, String what) {
        return RoomGuard.memberOf(messages.rooms().find(roomId), roomId, caller).then(room -> {
            Optional<PlacedMessage> placed = messages.log().find(roomId, id);
            if (placed.isEmpty()) {
                return Outcome.rejected(Code.UNKNOWN_MESSAGE, "room " + roomId + " has no message " + id);
            }
            Message message = placed.get().message();
            if (!message.senderId().equals(caller) || message.type() != MessageType.USER) {
                return Outcome.rejected(Code.INVALID_INPUT, "messageId: only its sender may " + what + " a message");
            }
            if (message.isDeleted()) {
                return what.equals("delete") ? Outcome.accepted(new Target(room, placed.get()))
                        : Outcome.rejected(Code.INVALID_INPUT, "messageId: the message was deleted");
            }
            return Outcome.accepted(new Target(room, placed.get()));
        });
    }

    private record Target(Room room, PlacedMessage placed) {
    }

    private Outcome<MessageChange> apply(Target target, ConnectionId caller, MessageChange.Kind kind, Message changed,
                                         Instant now, BiFunction<Message, Long, Boolean> write, String preview) {
        if (target.placed().message().isDeleted()) {
            return replay(target, caller); // a retried delete: it stands
        }
        long seq = messages.changes().next(target.room().id());
        if (!write.apply(changed, seq)) {
            Optional<PlacedMessage> current = messages.log().find(target.room().id(), changed.id());
            if (current.isEmpty()) {
                return Outcome.rejected(Code.UNKNOWN_MESSAGE, "message " + changed.id() + " is gone");
            }
            if (kind == MessageChange.Kind.DELETED && !current.get().message().isDeleted()) {
                // an edit later in the sequence landed first: a delete is not undone by it, it goes after it
                return apply(new Target(target.room(), current.get()), caller, kind, changed, now, write, preview);
            }
            // deleted meanwhile, or a later edit stands: answer the message as it is
            return replay(new Target(target.room(), current.get()), caller);
        }
        MessageChange change = new MessageChange(target.room().id(), seq, kind, changed, now);
        messages.changes().add(change);
        messages.lastMessages().changePreview(target.room().id(), changed.id(), preview);
        push(target.room(), caller, change);
        return Outcome.accepted(change);
    }

    /**
     * The change that left the message as it is, answered again; kept and pushed again if its first attempt died
     * before it was (a lost answer is safe to repeat, and no change goes missing from the sequence).
     */
    private Outcome<MessageChange> replay(Target target, ConnectionId caller) {
        PlacedMessage placed = target.placed();
        Message message = placed.message();
        Optional<MessageChange> kept = placed.changeSeq() == 0 ? Optional.empty()
                : messages.changes().find(target.room().id(), placed.changeSeq());
        if (kept.isPresent()) {
            return Outcome.accepted(kept.get());
        }
        if (placed.changeSeq() == 0) {
            return Outcome.rejected(Code.INVALID_INPUT, "messageId: the message has not changed");
        }
        MessageChange change = new MessageChange(target.room().id(), placed.changeSeq(),
                message.isDeleted() ? MessageChange.Kind.DELETED : MessageChange.Kind.EDITED, message,
                message.deletedAt().or(message::editedAt).orElse(clock.instant()));
        messages.changes().add(change);
        messages.lastMessages().changePreview(target.room().id(), message.id(),
                message.isDeleted() ? "" : message.content().preview());
        push(target.room(), caller, change);
        return Outcome.accepted(change);
    }

    /** To every connection of every member but the caller's, and but those of members who blocked the sender. */
    private void push(Room room, ConnectionId caller, MessageChange change) {
        UserId sender = change.message().senderId();
        List<Connection> to = connections.liveConnectionsOf(room.members(), clock.instant()).stream()
                .filter(connection -> !room.isMuted(connection.userId(), sender)).toList();
        broadcaster.tell(Broadcaster.butAnswered(to, Optional.of(caller)), new Notification.MessageChanged(change));
    }
}
