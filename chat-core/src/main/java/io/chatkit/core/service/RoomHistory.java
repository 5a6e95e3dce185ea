package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A room's messages as its members see them: {@code readBy} is derived when a page is read, from the members' read
 * positions (every member whose position is at or past a message's place has read it), and marking a message read
 * moves the reader's position — one write, however many messages it marks.
 */
public final class RoomHistory {
    private final MessageStore store;
    private final Executor executor;

    /** Reads a page's messages and the members' read positions side by side, on {@code executor}. */
    public RoomHistory(MessageStore store, Executor executor) {
        this.store = store;
        this.executor = executor;
    }

    /** Reads one after the other, on the calling thread (tools and tests). */
    public RoomHistory(MessageStore store) {
        this(store, Runnable::run);
    }

    /** Up to {@code limit} messages older than {@code before} (or the newest), newest first. */
    public List<Message> messagesBefore(Room room, Optional<MessageId> before, int limit) {
        return withReaders(room, () -> store.log().before(room.id(), before, limit));
    }

    /** Up to {@code limit} messages newer than {@code after}, oldest first. */
    public List<Message> messagesAfter(Room room, MessageId after, int limit) {
        return withReaders(room, () -> store.log().after(room.id(), after, limit));
    }

    /** {@link #messagesBefore(Room, Optional, int)} of a room looked up first (none if it does not exist). */
    public List<Message> messagesBefore(RoomId room, Optional<MessageId> before, int limit) {
        return store.rooms().find(room).map(found -> messagesBefore(found, before, limit)).orElse(List.of());
    }

    /** {@link #messagesAfter(Room, MessageId, int)} of a room looked up first (none if it does not exist). */
    public List<Message> messagesAfter(RoomId room, MessageId after, int limit) {
        return store.rooms().find(room).map(found -> messagesAfter(found, after, limit)).orElse(List.of());
    }

    private List<Message> withReaders(Room room, Supplier<List<PlacedMessage>> page) {
        CompletableFuture<Map<UserId, Long>> positions = CompletableFuture.supplyAsync(
                () -> store.memberships().ofMembers(room.id(), room.members()), executor);
        List<PlacedMessage> messages;
        try {
            messages = page.get();
        } catch (RuntimeException e) {
            SideBySide.settle(positions);
            throw e;
        }
        Map<UserId, Long> readPositions = SideBySide.join(positions);
        return messages.stream().map(placed -> placed.message().withReaders(readPositions.entrySet().stream()
                .filter(position -> position.getValue() >= placed.seq()).map(Map.Entry::getKey).toList())).toList();
    }

    /**
     * Moves the reader's read position to {@code upTo}: every message of the room up to and including it counts as
     * read by the reader, and their unread count drops to the messages after it. A position never moves back;
     * marking an older message again changes nothing. Two requests: the message's place, then the position.
     */
    public MarkReadResult markRead(RoomId room, UserId reader, MessageId upTo, Instant readAt) {
        OptionalLong place = store.log().placeOf(room, upTo);
        if (place.isEmpty()) {
            return new MarkReadResult.NoSuchMessage();
        }
        long moved = store.memberships().moveUpTo(room, reader, place.getAsLong(), readAt).orElse(0);
        return new MarkReadResult.Marked((int) Math.min(Integer.MAX_VALUE, moved));
    }

    /** What {@link #markRead} did. */
    public sealed interface MarkReadResult {
        /** {@code newlyRead} messages were unread by the reader and are read now. */
        record Marked(int newlyRead) implements MarkReadResult {
        }

        /** The room has no message with that id; nothing was changed. */
        record NoSuchMessage() implements MarkReadResult {
        }
    }
}
