package io.chatkit.protocol;

import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.ChangeMessageUseCase.EditMessageCommand;
import io.chatkit.core.port.in.Outcome;

/**
 * {@code editMessage} {chatRoomId, messageId, content} → {@code messageEdited} {chatRoomId, messageId, content,
 * editedAt, changeId}: the sender's own message, within 24 hours; every other connection of every member gets it.
 */
final class EditMessageAction implements Action {
    @Override
    public String name() {
        return "editMessage";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        return call.user().then(editor -> call.chat().changeMessage().edit(new EditMessageCommand(editor,
                        call.caller(), RoomId.of(call.request().text("chatRoomId")),
                        MessageId.of(call.request().text("messageId")),
                        MessageContent.of(call.request().text("content")))))
                .then(change -> Outcome.accepted(ReplyData.of(ChangeFrames.of(change))));
    }
}
