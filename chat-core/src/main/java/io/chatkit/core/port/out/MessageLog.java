package io.chatkit.core.port.out;

import io.chatkit.core.domain.Emoji;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;
import java.util.OptionalLong;

/** Each room's messages, each at its place. One storage operation per method. */
public interface MessageLog {

    /**
     * Stores the message at place {@code seq}, on condition that no message with its id is stored in its room.
     *
     * @return false, and nothing changed, when one is
     */
    boolean add(Message message, long seq);

    /**
     * Stores a new room's first message at place 1 and makes it the room's newest ({@link LastMessages}), in one
     * write: a room shows in its members' lists once it has a newest message, so it shows complete or not at all.
     */
    void addFirst(Message first);

    /** Deletes a room's first message and its newest (undoing {@link #addFirst}); what is not there is fine. */
    void removeFirst(Message first);

    /** The message with this id and its place (read strongly consistent; {@code readBy} only its sender). */
    Optional<PlacedMessage> find(RoomId room, MessageId id);

    /** Which of these messages of the room are deleted (one batched read, strongly consistent). */
    Set<MessageId> deletedAmong(RoomId room, Collection<MessageId> ids);

    /** The place of the message with this id (read strongly consistent); empty if none. */
    OptionalLong placeOf(RoomId room, MessageId id);

    /** Up to {@code limit} messages older than {@code before} (or the newest), newest first; strongly consistent. */
    List<PlacedMessage> before(RoomId room, Optional<MessageId> before, int limit);

    /** Up to {@code limit} messages newer than {@code after}, oldest first; strongly consistent. */
    List<PlacedMessage> after(RoomId room, MessageId after, int limit);

    /**
     * Stores the message's new text and the time it was edited, and {@code changeSeq} as its latest change, on
     * condition that it is stored, is its sender's, is not deleted and had other text.
     *
     * @return false, and nothing changed, when the condition failed
     */
    boolean edit(Message edited, long changeSeq);

    /**
     * Erases the message's text and keeps when it was deleted, and {@code changeSeq} as its latest change, on
     * condition that it is stored, is its sender's and is not deleted already. Its place stays: counts stay exact.
     *
     * @return false, and nothing changed, when the condition failed
     */
    boolean erase(Message erased, long changeSeq);

    /**
     * Adds the user's reaction with {@code emoji} ({@code on}) or takes it out, and keeps {@code changeSeq} as the
     * message's latest change, on condition that it is stored, not deleted, has no later change applied, and the
     * reaction is not there (on) or is (off).
     *
     * @return the message as it is after; empty, and nothing changed, when the condition failed
     */
    Optional<Message> react(RoomId room, MessageId id, Emoji emoji, UserId user, boolean on, long changeSeq);

    /**
     * A message at its place in its room; {@code changeSeq} the place of its latest change in the room's change
     * sequence (0 if it never changed).
     */
    record PlacedMessage(Message message, long seq, long changeSeq) {
        public PlacedMessage {
            Objects.requireNonNull(message, "message");
        }

        public PlacedMessage(Message message, long seq) {
            this(message, seq, 0);
        }
    }
}
