package io.chatkit.core.port.in;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Objects;

/** Marks everything in a room up to and including one message as read by a member; tells the others. */
public interface MarkReadUseCase {

    Outcome<ReadReceipt> markRead(MarkReadCommand command);

    record MarkReadCommand(UserId reader, RoomId roomId, MessageId upTo) {
        public MarkReadCommand {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(upTo, "upTo");
        }
    }

    /** {@code newlyRead}: how many messages were unread by the reader before this call. */
    record ReadReceipt(RoomId roomId, UserId reader, MessageId upTo, java.time.Instant readAt, int newlyRead) {
    }
}
