package io.chatkit.core.port.in;

import io.chatkit.core.domain.ConnectionId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Objects;

/**
 * Marks a message and everything after it unread for a member: their read position moves back, so their unread
 * count and every {@code readBy} derived from it follow. The member's other connections are told; the others are
 * not: a {@code read} receipt they were pushed stays as it was until they read the room's history again, where the
 * member no longer reads those messages.
 */
public interface MarkUnreadUseCase {

    Outcome<Unread> markUnread(MarkUnreadCommand command);

    /** {@code reader} on {@code connection} (which has the answer; their other connections get it pushed). */
    record MarkUnreadCommand(UserId reader, ConnectionId connection, RoomId roomId, MessageId from) {
        public MarkUnreadCommand {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(connection, "connection");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(from, "from");
        }
    }

    /** The member's unread count in the room now. */
    record Unread(RoomId roomId, int unreadCount) {
        public Unread {
            Objects.requireNonNull(roomId, "roomId");
        }
    }
}
