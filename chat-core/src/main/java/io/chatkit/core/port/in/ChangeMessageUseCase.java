package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageChange;
import io.chatkit.core.domain.InvalidInputException;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Changing a message a room already has — its sender edits it within the edit window ({@link #EDIT_WINDOW} by
 * default, {@code ChatServices.Builder.editWindow}), or deletes it (its text
 * erased, its place kept) — and catching up on such changes. Every change takes the next place in the room's change
 * sequence and is pushed to every other connection of every member; a retried change changes nothing twice.
 */
public interface ChangeMessageUseCase {
    /** How long after sending a message its sender may edit it, unless the chat is built with another. */
    Duration EDIT_WINDOW = Duration.ofHours(24);

    Outcome<MessageChange> edit(EditMessageCommand command);

    Outcome<MessageChange> delete(DeleteMessageCommand command);

    /**
     * Adds ({@code on}) or takes out the caller's reaction to a message of a room they are in. Adding what is there or
     * taking out what is not changes nothing and pushes nothing: the answer is the message's reactions as they are.
     */
    Outcome<Reacted> react(ReactCommand command);

    record ReactCommand(UserId reactor, ConnectionId connection, RoomId roomId, MessageId messageId, Emoji emoji,
                        boolean on) {
        public ReactCommand {
            Objects.requireNonNull(reactor, "reactor");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(emoji, "emoji");
        }
    }

    /** The message with its reactions as they are now, and the change it took, if it changed anything. */
    record Reacted(Message message, Optional<MessageChange> change) {
        public Reacted {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * The room's changes after a cursor ({@code changeId} of the last change seen), oldest first; without one, none,
     * and the cursor to start from. {@code CHANGES_EXPIRED} when the cursor is older than the changes kept: reload
     * the room.
     */
    Outcome<ChangesPage> changes(ChangesQuery query);

    record EditMessageCommand(UserId editor, ConnectionId connection, RoomId roomId, MessageId messageId,
                              MessageContent content) {
        public EditMessageCommand {
            Objects.requireNonNull(editor, "editor");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(content, "content");
            if (content.isEmpty()) {
                throw new InvalidInputException("content", "must not be blank");
            }
        }
    }

    record DeleteMessageCommand(UserId deleter, ConnectionId connection, RoomId roomId, MessageId messageId) {
        public DeleteMessageCommand {
            Objects.requireNonNull(deleter, "deleter");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    record ChangesQuery(UserId reader, RoomId roomId, Optional<String> since, PageSize pageSize) {
        public ChangesQuery {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(since, "since");
            Objects.requireNonNull(pageSize, "pageSize");
        }
    }

    /** Changes in order, and the cursor after the last of them (or the one asked with, when none came). */
    record ChangesPage(List<MessageChange> changes, String nextCursor) {
        public ChangesPage {
            changes = List.copyOf(changes);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }
}
