package io.chatkit.core.port.out;

import io.chatkit.core.domain.ClientMessageId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.RoomPosition;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

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
     * Makes {@code added} members of a group room, each with the room in their list and its history counted as
     * read; members already in it stay as they are. Empty, and nothing changed, if the room would then have more
     * than {@code maxMembers} or {@code by} is no longer a member. Repeating it is harmless, so a retry after a
     * failure finishes the job. Returns the room as stored afterwards.
     */
    Optional<Room> addMembers(Room room, UserId by, Set<UserId> added, int maxMembers);

    /**
     * Takes {@code leaver} out of the room: out of its members, the room out of their list at once; a direct room's
     * pair may then create a new one. Empty, and nothing changed, if they were not a member. Returns the room as
     * stored afterwards.
     */
    Optional<Room> removeMember(Room room, UserId leaver);

    /**
     * Stores a direct room without a name, with its first message, unless its two members already have one:
     * then nothing is written and that room is returned. Of two concurrent calls for the same pair, one creates.
     */
    DirectRoom createDirectRoom(Room room, Message firstMessage);

    /** What {@link #createDirectRoom} did. */
    sealed interface DirectRoom {
        Room room();

        record Created(Room room) implements DirectRoom {
        }

        record Existing(Room room) implements DirectRoom {
        }
    }

    /**
     * The room a message is sent to and, when the send carries a client message id, the earlier attempt
     * that already used it in this room: read together, so that a retry is recognised before anything is
     * written (and a send costs no extra round for being idempotent).
     */
    SendTarget sendTarget(RoomId room, Optional<ClientMessageId> clientMessageId);

    /**
     * Stores a message of {@code room} unless an attempt with the same client message id came first
     * ({@code earlier}, as {@link #sendTarget} found it, or one that raced this one): then that first message is
     * returned, and whatever the first attempt left unfinished (the message itself, the members' list
     * positions) is finished, so a retry always ends with the send complete. Moves the room's last message
     * and every member's list position forward (never back to an older message). The message is unread for
     * every member but its sender, for whom sending reads the room up to this message.
     *
     * <p>{@code whenStored} is called with the message as soon as it is stored and readable, possibly before the
     * members' list positions have moved, so that the caller can push it meanwhile; at most once, and not at all
     * if storing the message failed. It must not block.
     */
    AppendResult append(Room room, Message message, Optional<EarlierSend> earlier, Consumer<Message> whenStored);

    /** {@link #append(Room, Message, Optional, Consumer)} without a listener. */
    default AppendResult append(Room room, Message message, Optional<EarlierSend> earlier) {
        return append(room, message, earlier, stored -> { });
    }

    /** {@link #append(Room, Message, Optional)} after looking up the earlier attempt itself. */
    default AppendResult append(Room room, Message message) {
        return append(room, message, sendTarget(room.id(), message.clientMessageId()).earlier());
    }

    /** Up to {@code limit} messages older than {@code before} (or the newest), newest first. */
    List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit);

    /** Up to {@code limit} messages newer than {@code after}, oldest first. */
    List<Message> messagesAfter(RoomId room, MessageId after, int limit);

    /**
     * {@link #messagesBefore(RoomId, Optional, int)} for a room the caller has read already, so that a store that
     * needs the room (its members, to derive {@code readBy}) need not read it again.
     */
    default List<Message> messagesBefore(Room room, Optional<MessageId> before, int limit) {
        return messagesBefore(room.id(), before, limit);
    }

    /** {@link #messagesAfter(RoomId, MessageId, int)} for a room the caller has read already. */
    default List<Message> messagesAfter(Room room, MessageId after, int limit) {
        return messagesAfter(room.id(), after, limit);
    }

    /**
     * Moves the reader's read position to {@code upTo}: every message of the room up to and including it
     * counts as read by the reader ({@code readBy}), and the reader's unread count drops to the messages after
     * it. A position never moves back; marking an older message again changes nothing. Costs the same however
     * long the room's history and however many messages it marks.
     */
    MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt);

    /** Up to {@code limit} of the user's rooms after {@code after}, the most recent last message first. */
    List<RoomSummary> roomsOf(UserId user, Optional<RoomPosition> after, int limit);

    /** What {@link #sendTarget} found. */
    record SendTarget(Optional<Room> room, Optional<EarlierSend> earlier) {
        public SendTarget {
            Objects.requireNonNull(room, "room");
            Objects.requireNonNull(earlier, "earlier");
        }
    }

    /** An earlier attempt's claim on a client message id: who sent it and the id its message got. */
    record EarlierSend(UserId sender, MessageId messageId) {
        public EarlierSend {
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

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
