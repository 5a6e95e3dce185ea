package io.chatkit.core.service;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.port.in.AttachmentUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import java.time.Clock;
import java.time.Instant;

/**
 * Granting an upload writes nothing of its own: the room is read (is the caller a member?), one upload and the file's
 * megabytes are taken from the caller's hourly allowances (a refused size still used the count), and the upload is
 * signed with its grant ({@link AttachmentFiles}). A new download URL
 * reads the room and the message.
 */
final class AttachmentService implements AttachmentUseCase {
    private final MessageStore messages;
    private final AttachmentFiles files;
    private final Allowances allowances;
    private final IdGenerator ids;
    private final Clock clock;

    AttachmentService(MessageStore messages, AttachmentFiles files, Allowances allowances, IdGenerator ids,
                      Clock clock) {
        this.messages = messages;
        this.files = files;
        this.allowances = allowances;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Outcome<UploadGranted> requestUpload(RequestUploadCommand command) {
        AttachmentRules rules = files.rules();
        if (!rules.contentTypes().contains(command.contentType())) {
            return Outcome.rejected(Code.INVALID_INPUT, "contentType: " + command.contentType() + " may not be "
                    + "attached; these may: " + String.join(", ", new java.util.TreeSet<>(rules.contentTypes())));
        }
        if (command.size() < 1 || command.size() > rules.maxFileBytes()) {
            return Outcome.rejected(Code.INVALID_INPUT, "size: a file is 1 to " + rules.maxFileBytes()
                    + " bytes (" + rules.maxFileBytes() / AttachmentRules.MEGABYTE + " MB): " + command.size());
        }
        Instant now = clock.instant();
        return files.store().then(store -> RoomGuard.memberOf(messages.rooms().find(command.roomId()),
                        command.roomId(), command.requester())
                .then(room -> allowances.admit(command.requester(), rules.uploads(), "uploads", now))
                .then(requester -> allowances.admit(requester, rules.megabytesFor(command.size()),
                        "megabytes uploaded (this file takes " + rules.megabytesFor(command.size()).cost() + ")", now))
                .then(requester -> {
                    AttachmentId id = AttachmentId.of(ids.next());
                    SignedRequest upload = store.signUpload(AttachmentFiles.pendingKeyOf(command.roomId(), id),
                            command.contentType(), command.size(), AttachmentFiles.grantOf(requester,
                                    command.fileName(), command.contentType(), command.size()),
                            now.plus(rules.uploadWindow()));
                    return Outcome.accepted(new UploadGranted(command.roomId(), id, upload.url(), upload.method(),
                            upload.headers(), upload.expiresAt()));
                }));
    }

    @Override
    public Outcome<Attachment> downloadUrl(DownloadUrlCommand command) {
        return files.store().then(store -> RoomGuard.memberOf(messages.rooms().find(command.roomId()),
                        command.roomId(), command.reader())
                .then(room -> messages.log().find(command.roomId(), command.messageId())
                        .map(placed -> Outcome.accepted(placed.message()))
                        .orElseGet(() -> Outcome.rejected(Code.UNKNOWN_MESSAGE, "room " + command.roomId()
                                + " has no message " + command.messageId())))
                .then(message -> message.attachments().stream()
                        .filter(file -> file.id().equals(command.attachmentId())).findFirst()
                        .map(file -> Outcome.accepted(file.withDownload(files.download(command.roomId(), file))))
                        .orElseGet(() -> Outcome.rejected(Code.UNKNOWN_ATTACHMENT, "message " + command.messageId()
                                + " has no attachment " + command.attachmentId()))));
    }
}
