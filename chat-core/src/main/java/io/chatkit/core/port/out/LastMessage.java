package io.chatkit.core.port.out;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A room's newest message as {@link LastMessages} keeps it: its id, place, time, sender, preview and when it was last
 * edited.
 */
public record LastMessage(RoomId room, MessageId id, long seq, Instant at, UserId sender, String preview,
                          Optional<Instant> editedAt) {
    public LastMessage {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(editedAt, "editedAt");
    }

    /** A newest message never edited. */
    public LastMessage(RoomId room, MessageId id, long seq, Instant at, UserId sender, String preview) {
        this(room, id, seq, at, sender, preview, Optional.empty());
    }

    public static LastMessage of(Message message, long seq) {
        return new LastMessage(message.roomId(), message.id(), seq, message.createdAt(), message.senderId(),
                message.preview());
    }
}
