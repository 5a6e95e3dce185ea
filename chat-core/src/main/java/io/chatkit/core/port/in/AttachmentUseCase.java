package io.chatkit.core.port.in;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Files in messages, whose bytes never pass through the chat: a member asks for an upload and gets a signed request
 * to make straight to the blob store (S3, or a folder of the local runtime), bound to the file's exact size and
 * type; then sends a message naming the attachment ({@link SendMessageUseCase}); readers download it by signed URLs,
 * and ask for a new one when theirs ran out.
 */
public interface AttachmentUseCase {

    /**
     * A member of the room asks to upload a file: {@code INVALID_INPUT} for a type not allowed or a size over the
     * limit, {@code RATE_LIMITED} past the user's hourly uploads; otherwise the upload to make before it expires.
     */
    Outcome<UploadGranted> requestUpload(RequestUploadCommand command);

    /** A member of the room asks a new download URL for an attachment of one of its messages. */
    Outcome<Attachment> downloadUrl(DownloadUrlCommand command);

    record RequestUploadCommand(UserId requester, RoomId roomId, String fileName, String contentType, long size) {
        public RequestUploadCommand {
            Objects.requireNonNull(requester, "requester");
            Objects.requireNonNull(roomId, "roomId");
            fileName = Attachment.requireFileName(fileName);
            contentType = Attachment.requireContentType(contentType);
        }
    }

    /**
     * The upload granted: make {@code method} on {@code uploadUrl} with {@code headers} and the file's bytes (exactly
     * the size asked) before {@code expiresAt}, then send a message naming {@code attachmentId}.
     */
    record UploadGranted(RoomId roomId, AttachmentId attachmentId, URI uploadUrl, String method,
                         Map<String, String> headers, Instant expiresAt) {
        public UploadGranted {
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(attachmentId, "attachmentId");
            Objects.requireNonNull(uploadUrl, "uploadUrl");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(expiresAt, "expiresAt");
            headers = Map.copyOf(headers);
        }
    }

    record DownloadUrlCommand(UserId reader, RoomId roomId, MessageId messageId, AttachmentId attachmentId) {
        public DownloadUrlCommand {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(roomId, "roomId");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(attachmentId, "attachmentId");
        }
    }
}
