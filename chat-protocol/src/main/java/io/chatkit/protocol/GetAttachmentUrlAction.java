package io.chatkit.protocol;

import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.AttachmentUseCase.DownloadUrlCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.AttachmentUrlData;

/**
 * {@code getAttachmentUrl} {chatRoomId, messageId, attachmentId} → {@code attachmentUrl} {url, expiresAt}: a new
 * download URL for a file whose URL ran out.
 */
final class GetAttachmentUrlAction implements Action {
    @Override
    public String name() {
        return "getAttachmentUrl";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        RoomId room = RoomId.of(call.request().text("chatRoomId"));
        MessageId message = MessageId.of(call.request().text("messageId"));
        AttachmentId attachment = AttachmentId.of(call.request().text("attachmentId"));
        return call.user().then(reader -> call.chat().attachments().downloadUrl(
                        new DownloadUrlCommand(reader, room, message, attachment)))
                .then(file -> Outcome.accepted(new ReplyData("attachmentUrl", new AttachmentUrlData(room.value(),
                        message.value(), file.id().value(), file.download().orElseThrow().url().toString(),
                        file.download().orElseThrow().expiresAt().toString()))));
    }
}
