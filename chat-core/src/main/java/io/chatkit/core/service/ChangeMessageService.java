package io.chatkit.core.service;

import io.chatkit.core.domain.Connection;
import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.MessageType;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Reactions;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.ChangeMessageUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection;
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
    private final Allowances allowances;
    private final java.time.Duration editWindow;
    private final AttachmentFiles files;

    ChangeMessageService(MessageStore messages, ConnectionStore connections, Broadcaster broadcaster, Clock clock,
                         Allowances allowances, java.time.Duration editWindow, AttachmentFiles files) {
        this.editWindow = editWindow;
        this.files = files;
        this.messages = messages;
        this.connections = connections;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.allowances = allowances;
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
            if (now.isAfter(message.createdAt().plus(editWindow))) {
                return Outcome.rejected(Code.INVALID_INPUT, "messageId: a message can be edited for "
                        + editWindow.toMinutes() + " minutes after it was sent");
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
                        (erased, seq) -> messages.log().erase(erased, seq), "")
                        .then(deleted -> {
                            // its files go with it (again, harmlessly, for a repeated delete)
                            files.discard(command.roomId(), target.placed().message().attachments());
                            return Outcome.accepted(deleted);
                        }));
    }

    /** At most this many tries when changes of other members land between the read and the write. */
    private static final int REACT_ATTEMPTS = 10;

    @Override
    public Outcome<Reacted> react(ReactCommand command) {
        Instant now = clock.instant();
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.reactor())
                .then(room -> {
                    for (int attempt = 0; attempt < REACT_ATTEMPTS; attempt++) {
                        Optional<PlacedMessage> placed = messages.log().find(command.roomId(), command.messageId());
                        if (placed.isEmpty()) {
                            return Outcome.rejected(Code.UNKNOWN_MESSAGE, "room " + command.roomId()
                                    + " has no message " + command.messageId());
                        }
                        Message message = placed.get().message();
                        if (message.isDeleted() || message.type() != MessageType.USER) {
                            return Outcome.rejected(Code.INVALID_INPUT, "messageId: a deleted message or a notice "
                                    + "takes no reactions");
                        }
                        if (message.reactions().has(command.emoji(), command.reactor()) == command.on()) {
                            return Outcome.accepted(new Reacted(message, Optional.empty())); // nothing to change
                        }
                        Optional<String> beyond = command.on() ? beyondLimits(message, command) : Optional.empty();
                        if (beyond.isPresent()) {
                            return Outcome.rejected(Code.INVALID_INPUT, beyond.get());
                        }
                        long seq = messages.changes().next(command.roomId());
                        Optional<Message> after = messages.log().react(command.roomId(), command.messageId(),
                                command.emoji(), command.reactor(), command.on(), seq);
                        if (after.isPresent()) {
                            MessageChange change = new MessageChange(command.roomId(), seq,
                                    MessageChange.Kind.REACTIONS, after.get(), now);
                            messages.changes().add(change);
                            push(room, command.connection(), change);
                            return Outcome.accepted(new Reacted(after.get(), Optional.of(change)));
                        }
                        // another change landed first (a reaction of someone else, an edit): read again and retry
                    }
                    return Outcome.rejected(new Rejection(Code.RATE_LIMITED, "the message is changing too fast; "
                            + "try again", java.time.Duration.ofMillis(200)));
                });
    }

    private static Optional<String> beyondLimits(Message message, ReactCommand command) {
        boolean newEmoji = !message.reactions().byEmoji().containsKey(command.emoji().value());
        if (newEmoji && message.reactions().byEmoji().size() >= Reactions.MAX_DISTINCT) {
            return Optional.of("emoji: a message takes at most " + Reactions.MAX_DISTINCT
                    + " different reactions");
        }
        if (message.reactions().of(command.reactor()) >= Reactions.MAX_PER_USER) {
            return Optional.of("emoji: one user may react to a message at most "
                    + Reactions.MAX_PER_USER + " times");
        }
        return Optional.empty();
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
        Outcome<UserId> admitted = allowances.admitMessageChange(changed.senderId(), now);
        if (admitted instanceof Outcome.Rejected<UserId> rejected) {
            return Outcome.rejected(rejected.rejection());
        }
        return attempt(target, caller, kind, changed, now, write, preview);
    }

    /** The next place taken and the message written under its condition; a delete that lost to an edit goes after it. */
    private Outcome<MessageChange> attempt(Target target, ConnectionId caller, MessageChange.Kind kind,
                                           Message changed, Instant now, BiFunction<Message, Long, Boolean> write,
                                           String preview) {
        long seq = messages.changes().next(target.room().id());
        if (!write.apply(changed, seq)) {
            Optional<PlacedMessage> current = messages.log().find(target.room().id(), changed.id());
            if (current.isEmpty()) {
                return Outcome.rejected(Code.UNKNOWN_MESSAGE, "message " + changed.id() + " is gone");
            }
            if (kind == MessageChange.Kind.DELETED && !current.get().message().isDeleted()) {
                // an edit later in the sequence landed first: a delete is not undone by it, it goes after it
                return attempt(new Target(target.room(), current.get()), caller, kind, changed, now, write, preview);
            }
            // deleted meanwhile, or a later edit stands: answer the message as it is
            return replay(new Target(target.room(), current.get()), caller);
        }
        MessageChange change = new MessageChange(target.room().id(), seq, kind, changed, now);
        messages.changes().add(change);
        messages.lastMessages().changePreview(target.room().id(), changed.id(), preview,
                changed.isDeleted() ? Optional.empty() : changed.editedAt());
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
                message.isDeleted() ? "" : message.preview(),
                message.isDeleted() ? Optional.empty() : message.editedAt());
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
