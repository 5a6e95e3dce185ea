package io.chatkit.core.service;

import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.MarkReadUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.RoomHistory.MarkReadResult;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

public final class MarkReadService implements MarkReadUseCase {
    private final MessageStore messages;
    private final RoomHistory history;
    private final Broadcaster broadcaster;
    private final Clock clock;

    MarkReadService(MessageStore messages, Broadcaster broadcaster, Clock clock) {
        this.messages = messages;
        this.history = new RoomHistory(messages);
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public Outcome<ReadReceipt> markRead(MarkReadCommand command) {
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.reader())
                .then(room -> markRead(command, room));
    }

    private Outcome<ReadReceipt> markRead(MarkReadCommand command, Room room) {
        Instant now = clock.instant();
        MarkReadResult result = history.markRead(command.roomId(), command.reader(), command.upTo(), now);
        if (!(result instanceof MarkReadResult.Marked marked)) {
            return Outcome.rejected(Code.UNKNOWN_MESSAGE,
                    "room " + command.roomId() + " has no message " + command.upTo());
        }
        if (marked.newlyRead() > 0) {
            List<UserId> others = room.members().stream().filter(m -> !m.equals(command.reader())).toList();
            broadcaster.tellUsers(others,
                    new Notification.MessagesRead(command.roomId(), command.reader(), command.upTo(), now));
        }
        return Outcome.accepted(new ReadReceipt(command.roomId(), command.reader(), command.upTo(), now,
                marked.newlyRead()));
    }
}
