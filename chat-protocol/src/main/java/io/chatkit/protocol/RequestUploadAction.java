package io.chatkit.protocol;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.port.in.AttachmentUseCase.RequestUploadCommand;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.protocol.FrameData.UploadGrantedData;

/**
 * {@code requestUpload} {chatRoomId, fileName, contentType, size} → {@code uploadGranted} {attachmentId, uploadUrl,
 * method, headers, expiresAt}: the client makes that request with the file's bytes, then sends a message naming the
 * attachment. The file never travels through the socket.
 */
final class RequestUploadAction implements Action {
    @Override
    public String name() {
        return "requestUpload";
    }

    @Override
    public Outcome<ReplyData> run(Call call) {
        RoomId room = RoomId.of(call.request().text("chatRoomId"));
        String fileName = call.request().text("fileName");
        String contentType = call.request().text("contentType");
        long size = call.request().wholeNumber("size");
        return call.user().then(requester -> call.chat().attachments().requestUpload(
                        new RequestUploadCommand(requester, room, fileName, contentType, size)))
                .then(granted -> Outcome.accepted(new ReplyData("uploadGranted", new UploadGrantedData(
                        granted.roomId().value(), granted.attachmentId().value(), granted.uploadUrl().toString(),
                        granted.method(), granted.headers(), granted.expiresAt().toString()))));
    }
}
