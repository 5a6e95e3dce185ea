package io.chatkit.core.service;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.AttachmentId;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.AttachmentClaims;
import io.chatkit.core.port.out.BlobStore;
import io.chatkit.core.port.out.BlobStore.Key;
import io.chatkit.core.port.out.BlobStore.SignedRequest;
import io.chatkit.core.port.out.BlobStore.StoredBlob;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The chat's files in the blob store. An upload's grant is not stored anywhere: who may send the file, its name, its
 * size and its type are signed into the upload and kept by the store with the file ({@code x-amz-meta-*} on S3), so
 * a send finds them with one HEAD per file and checks them; a file goes with one message only
 * ({@link AttachmentClaims}). A file is uploaded under {@value BlobStore#PENDING_PREFIX} and kept at
 * {@code {room}/{attachmentId}} once sent (the room's id in base64url: a room id may hold characters a key should
 * not); what is never sent is dropped by the store. Download URLs are signed when a message is read, never stored.
 */
final class AttachmentFiles {
    private static final System.Logger LOG = System.getLogger(AttachmentFiles.class.getName());
    static final String GRANTED_TO = "granted-to";
    static final String FILE_NAME = "file-name";
    static final String GRANTED_SIZE = "granted-size";
    static final String GRANTED_TYPE = "granted-type";
    /** The shape of the ids this chat gives ({@code IdGenerator}'s); any other id was never granted. */
    private static final java.util.regex.Pattern GRANTED_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,64}");

    private final Optional<BlobStore> blobs;
    private final AttachmentRules rules;
    private final AttachmentClaims claims;
    private final Clock clock;
    private final Executor executor;

    AttachmentFiles(Optional<BlobStore> blobs, AttachmentRules rules, AttachmentClaims claims, Clock clock,
                    Executor executor) {
        this.blobs = blobs;
        this.rules = rules;
        this.claims = claims;
        this.clock = clock;
        this.executor = executor;
    }

    AttachmentRules rules() {
        return rules;
    }

    /** The store, or why files cannot be sent in this chat. */
    Outcome<BlobStore> store() {
        return blobs.map(Outcome::accepted).orElseGet(() -> Outcome.rejected(Code.INVALID_INPUT,
                "attachments: this chat keeps no files (no blob store is configured)"));
    }

    /** Where a file sent with a message is kept: {@code {room}/{attachmentId}}. */
    static Key keyOf(RoomId room, AttachmentId id) {
        return new Key(roomKey(room) + "/" + id.value());
    }

    /**
     * Where a granted file is uploaded: under {@value BlobStore#PENDING_PREFIX}, which the store empties after a
     * day, so that a file granted and never sent goes by itself; a send keeps it at {@link #keyOf}.
     */
    static Key pendingKeyOf(RoomId room, AttachmentId id) {
        return new Key(BlobStore.PENDING_PREFIX + roomKey(room) + "/" + id.value());
    }

    private static String roomKey(RoomId room) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(room.value().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What the upload keeps with the file, signed: to whom it was granted, the file's name, and the size and type
     * granted (S3 refuses an upload of another size or type; a send checks them again, whatever the store).
     */
    static Map<String, String> grantOf(UserId grantedTo, String fileName, String contentType, long size) {
        return Map.of(GRANTED_TO, grantedTo.value(), FILE_NAME, URLEncoder.encode(fileName, StandardCharsets.UTF_8),
                GRANTED_TYPE, contentType, GRANTED_SIZE, Long.toString(size));
    }

    /**
     * The files a send names, each uploaded as granted to the sender in this room, and then taken by this send
     * ({@code sendKey}): {@code UNKNOWN_ATTACHMENT} for one not granted to the sender here, not uploaded or taken by
     * another message; {@code INVALID_INPUT} past the count per message. One HEAD per file, side by side, then one
     * conditional write per file, side by side; nothing is taken unless every file passed its HEAD.
     */
    Outcome<List<Attachment>> takeFor(RoomId room, UserId sender, List<AttachmentId> ids, String sendKey) {
        if (ids.isEmpty()) {
            return Outcome.accepted(List.of());
        }
        if (ids.size() > rules.maxPerMessage() || new HashSet<>(ids).size() != ids.size()) {
            return Outcome.rejected(Code.INVALID_INPUT, "attachments: at most " + rules.maxPerMessage()
                    + " different files a message");
        }
        Optional<AttachmentId> foreign = ids.stream().filter(id -> !GRANTED_ID.matcher(id.value()).matches())
                .findFirst();
        if (foreign.isPresent()) {
            return Outcome.rejected(Code.UNKNOWN_ATTACHMENT, "attachment " + foreign.get() + " was never granted");
        }
        return store().then(store -> {
            List<CompletableFuture<Optional<StoredBlob>>> heads = ids.stream()
                    .map(id -> CompletableFuture.supplyAsync(() -> store.find(pendingKeyOf(room, id))
                            .or(() -> store.find(keyOf(room, id))), executor)).toList();
            List<Attachment> files = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                Optional<StoredBlob> stored = SideBySide.join(heads.get(i));
                if (stored.isEmpty() || !sender.value().equals(stored.get().metadata().get(GRANTED_TO))) {
                    return Outcome.rejected(Code.UNKNOWN_ATTACHMENT, "attachment " + ids.get(i) + " was not "
                            + "uploaded by you to this room (or its upload expired before it was made)");
                }
                Optional<Attachment> file = asGranted(ids.get(i), stored.get());
                if (file.isEmpty()) {
                    return Outcome.rejected(Code.INVALID_INPUT, "attachment " + ids.get(i) + ": what was uploaded"
                            + " is not the size or the type granted");
                }
                files.add(file.get());
            }
            List<CompletableFuture<Boolean>> taken = files.stream().map(file -> CompletableFuture.supplyAsync(
                    () -> claims.take(room, file.id(), sendKey), executor)).toList();
            for (int i = 0; i < files.size(); i++) {
                if (!SideBySide.join(taken.get(i))) {
                    giveBack(room, files, taken, sendKey);
                    return Outcome.rejected(Code.UNKNOWN_ATTACHMENT, "attachment " + files.get(i).id()
                            + " went with another message");
                }
            }
            // taken by this send: kept out of the pending prefix, side by side
            SideBySide.join(CompletableFuture.allOf(files.stream().map(file -> CompletableFuture.runAsync(
                    () -> store.keep(pendingKeyOf(room, file.id()), keyOf(room, file.id())), executor))
                    .toArray(CompletableFuture[]::new)));
            return Outcome.accepted(List.copyOf(files));
        });
    }

    /** A refused send changes nothing: the files it took before one was refused are given back. */
    private void giveBack(RoomId room, List<Attachment> files, List<CompletableFuture<Boolean>> taken,
                          String sendKey) {
        SideBySide.settle(CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)));
        for (int i = 0; i < files.size(); i++) {
            if (taken.get(i).isDone() && !taken.get(i).isCompletedExceptionally() && taken.get(i).join()) {
                claims.release(room, files.get(i).id(), sendKey);
            }
        }
    }

    /** The file, if what is stored is what was granted: that size and type, still within the rules. */
    private Optional<Attachment> asGranted(AttachmentId id, StoredBlob stored) {
        Map<String, String> grant = stored.metadata();
        boolean asGranted = Long.toString(stored.size()).equals(grant.get(GRANTED_SIZE))
                && stored.contentType().equals(grant.get(GRANTED_TYPE)) && grant.containsKey(FILE_NAME)
                && stored.size() <= rules.maxFileBytes() && rules.contentTypes().contains(stored.contentType());
        return asGranted ? Optional.of(new Attachment(id, URLDecoder.decode(grant.get(FILE_NAME),
                StandardCharsets.UTF_8), stored.contentType(), stored.size())) : Optional.empty();
    }

    /**
     * Deletes a deleted message's files, side by side (one request each). One that fails is left where it is and
     * logged: the message is deleted either way, and no URL to the file is ever signed again.
     */
    void discard(RoomId room, List<Attachment> attachments) {
        if (attachments.isEmpty() || blobs.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> deleting = attachments.stream().map(file -> CompletableFuture.runAsync(
                () -> blobs.get().delete(keyOf(room, file.id())), executor)).toList();
        for (int i = 0; i < deleting.size(); i++) {
            try {
                SideBySide.join(deleting.get(i));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the file " + keyOf(room, attachments.get(i).id())
                        + " of a deleted message could not be deleted; it stays in the store", e);
            }
        }
    }

    /** The message with a download URL for each of its files, valid {@link AttachmentRules#downloadLife()}. */
    Message withDownloads(Message message) {
        if (message.attachments().isEmpty() || blobs.isEmpty()) {
            return message;
        }
        return message.withAttachments(message.attachments().stream()
                .map(file -> file.withDownload(download(message.roomId(), file))).toList());
    }

    Attachment.Download download(RoomId room, Attachment file) {
        Instant until = clock.instant().plus(rules.downloadLife());
        SignedRequest signed = blobs.orElseThrow().signDownload(keyOf(room, file.id()), file.fileName(),
                rules.showsInline(file.contentType()), until);
        return new Attachment.Download(signed.url(), signed.expiresAt());
    }
}
