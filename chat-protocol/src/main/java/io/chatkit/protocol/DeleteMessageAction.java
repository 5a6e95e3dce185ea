package io.chatkit.protocol;

import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.ChangeMessageUseCase.DeleteMessageCommand;
import io.chatkit.core.port.in.Outcome;

/**
 * {@code deleteMessage} {chatRoomId, messageId} → {@code messageDeleted} {chatRoomId, messageId, deletedAt, changeId}:
 * the sender's own message, its text erased and its place kept; every other connection of every member gets it.
 */
final class DeleteMessageAction implements Action {
    @Override
    public String name() {
        return "deleteMessage";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(deleter -> call.chat().changeMessage().delete(new DeleteMessageCommand(deleter,
                        call.caller(), RoomId.of(call.request().text("chatRoomId")),
                        MessageId.of(call.request().text("messageId")))))
                .then(change -> Outcome.accepted(ReplyData.of(ChangeFrames.of(change))));
    }
}
