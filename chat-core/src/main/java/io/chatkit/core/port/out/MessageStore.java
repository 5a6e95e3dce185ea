package io.chatkit.core.port.out;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rooms, their messages, each member's participation (room list order, unread count) and read state. */
public interface MessageStore {

    /**
     * Stores the room, one participation per member and the room's first message.
     *
     * @throws RoomAlreadyExistsException if a room with this id exists
     */
    void createRoom(Room room, Message firstMessage);

    Optional<Room> findRoom(RoomId id);

    /**
     * Stores a message of {@code room} unless the same sender already stored one with the same
     * client message id in this room, in which case nothing is written and that first message is
     * returned. Moves the room's last message and every member's list position forward (never back
     * to an older message) and counts the message as unread for every member who is not in its
     * {@code readBy}.
     */
    AppendResult append(Room room, Message message);

    /** Up to {@code limit} messages older than {@code before} (or the newest), newest first. */
    List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit);

    /** Up to {@code limit} messages newer than {@code after}, oldest first. */
    List<Message> messagesAfter(RoomId room, MessageId after, int limit);

    /**
     * Adds {@code reader} to {@code readBy} of every message of the room up to and including
     * {@code upTo}, and takes those messages off the reader's unread count. Idempotent.
     */
    MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt);

    /** Up to {@code limit} of the user's rooms after {@code after}, the most recent last message first. */
    List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit);

    /** What {@link #append} did. */
    sealed interface AppendResult {
        Message message();

        record Stored(Message message) implements AppendResult {
        }

        record Duplicate(Message message) implements AppendResult {
        }
    }

    /** What {@link #markRead} did. */
    sealed interface MarkReadResult {
        /** {@code newlyRead} messages were unread by the reader and are read now. */
        record Marked(int newlyRead) implements MarkReadResult {
        }

        /** The room has no message with that id; nothing was changed. */
        record NoSuchMessage() implements MarkReadResult {
        }
    }
}
