package io.chatkit.protocol;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.MarkUnreadUseCase.MarkUnreadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.UnreadData;

/**
 * {@code markUnread} {chatRoomId, messageId} → {@code unread} {chatRoomId, unreadCount}: that message and everything
 * after it are unread for the caller; their other connections get {@code unread}, nobody else is told.
 */
final class MarkUnreadAction implements Action {
    @Override
    public String name() {
        return "markUnread";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(reader -> call.chat().markUnread().markUnread(new MarkUnreadCommand(reader,
                        call.caller(), RoomId.of(call.request().text("chatRoomId")),
                        MessageId.of(call.request().text("messageId")))))
                .then(unread -> Outcome.accepted(new ReplyData("unread",
                        new UnreadData(unread.roomId().value(), unread.unreadCount()))));
    }
}
