package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Room;
import io.chatkit.core.port.in.GetMessagesUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Page;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.service.PageCursors.InvalidCursorException;
import java.util.List;
import java.util.Optional;

public final class GetMessagesService implements GetMessagesUseCase {
    private final MessageStore messages;

    GetMessagesService(MessageStore messages) {
        this.messages = messages;
    }

    @Override
    public Outcome<Page<Message>> getMessages(GetMessagesQuery query) {
        Optional<MessageId> before;
        try {
            before = PageCursors.messagesOf(query.roomId(), query.before());
        } catch (InvalidCursorException e) {
            return Outcome.rejected(Code.INVALID_CURSOR, e.getMessage());
        }
        Optional<Room> room = messages.findRoom(query.roomId());
        if (room.isEmpty()) {
            return Outcome.rejected(Code.UNKNOWN_ROOM, "no room " + query.roomId());
        }
        if (!room.get().hasMember(query.user())) {
            return Outcome.rejected(Code.NOT_A_MEMBER, "you are not a member of room " + query.roomId());
        }
        int size = query.pageSize().value();
        if (query.after().isPresent()) {
            // Catch-up: oldest first; the client continues with after = the last id it got.
            List<Message> newer = messages.messagesAfter(query.roomId(), query.after().get(), size);
            return Outcome.accepted(new Page<>(newer, Optional.empty()));
        }
        List<Message> older = messages.messagesBefore(query.roomId(), before, size + 1);
        if (older.size() <= size) {
            return Outcome.accepted(new Page<>(older, Optional.empty()));
        }
        List<Message> page = older.subList(0, size);
        return Outcome.accepted(new Page<>(page,
                Optional.of(PageCursors.forMessages(query.roomId(), page.get(size - 1).id()))));
    }
}
