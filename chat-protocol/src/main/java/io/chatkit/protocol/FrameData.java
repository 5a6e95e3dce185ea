package io.chatkit.protocol;

import io.chatkit.core.domain.Attachment;
import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Presence;
import io.chatkit.core.domain.Reactions;
import io.chatkit.core.domain.ReplyTo;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomSummary;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wire's data, one record per shape of a frame's {@code data}: a component is a field of the same name (the
 * seed series' names: {@code chatRoomId}, {@code participantIds}, …), an empty {@code Optional} a field left out.
 * {@link FrameWriter} writes them; the protocol page of the docs lists them by frame type.
 */
final class FrameData {
    private FrameData() {
    }

    /**
     * A message, as pushed ({@code message}), answered ({@code sent}, with {@code duplicate}) and read in history
     * (with {@code readBy}, and {@code blocked} when the reader blocked its sender); a reply carries what it answers,
     * a message naming members its {@code mentions}.
     */
    record MessageData(String messageId, String chatRoomId, String senderId, String content, String messageType,
                       String createdAt, long timestamp, Optional<String> clientMessageId,
                       Optional<ReplyToData> replyTo, Optional<List<String>> mentions, Optional<String> editedAt,
                       Optional<List<ReactionData>> reactions, Optional<List<AttachmentData>> attachments,
                       Optional<List<String>> readBy, Optional<Boolean> blocked, Optional<Boolean> duplicate) {
        static MessageData of(Message message) {
            return new MessageData(message.id().value(), message.roomId().value(), message.senderId().value(),
                    message.content().text(), WireNames.of(message.type()), message.createdAt().toString(),
                    message.createdAt().toEpochMilli(), message.clientMessageId().map(id -> id.value()),
                    message.replyTo().map(ReplyToData::of),
                    message.mentions().isEmpty() ? Optional.empty() : Optional.of(users(message.mentions())),
                    message.editedAt().map(Instant::toString),
                    message.reactions().byEmoji().isEmpty() ? Optional.empty()
                            : Optional.of(ReactionData.of(message.reactions())),
                    message.attachments().isEmpty() ? Optional.empty()
                            : Optional.of(message.attachments().stream().map(AttachmentData::of).toList()),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }

        /**
         * As history has it: who read it, and whether its sender is one the reader blocked; a deleted message as its
         * tombstone ({@link DeletedMessageData}).
         */
        static Record inHistory(Message message, boolean blocked) {
            if (message.isDeleted()) {
                return DeletedMessageData.of(message);
            }
            MessageData data = of(message);
            return new MessageData(data.messageId, data.chatRoomId, data.senderId, data.content, data.messageType,
                    data.createdAt, data.timestamp, data.clientMessageId, data.replyTo, data.mentions, data.editedAt,
                    data.reactions, data.attachments, Optional.of(users(message.readBy())),
                    blocked ? Optional.of(true) : Optional.empty(), Optional.empty());
        }

        /** As the sender's reply has it ({@code sent}): whether the client message id had been used. */
        static MessageData sent(Message message, boolean duplicate) {
            MessageData data = of(message);
            return new MessageData(data.messageId, data.chatRoomId, data.senderId, data.content, data.messageType,
                    data.createdAt, data.timestamp, data.clientMessageId, data.replyTo, data.mentions, data.editedAt,
                    data.reactions, data.attachments, Optional.empty(), Optional.empty(), Optional.of(duplicate));
        }
    }

    /** A deleted message in history: its place kept, its text gone. */
    record DeletedMessageData(String messageId, String chatRoomId, boolean deleted, String deletedAt) {
        static DeletedMessageData of(Message message) {
            return new DeletedMessageData(message.id().value(), message.roomId().value(), true,
                    message.deletedAt().orElseThrow().toString());
        }
    }

    /** {@code messageEdited}: the new text, when, and its place in the room's change sequence. */
    record MessageEditedData(String chatRoomId, String messageId, String content, String editedAt, String changeId) {
    }

    /** {@code messageDeleted}: when, and its place in the room's change sequence. */
    record MessageDeletedData(String chatRoomId, String messageId, String deletedAt, String changeId) {
    }

    /**
     * A file of a message: its id, name, type and size, and a signed URL that downloads it until {@code urlExpiresAt}
     * (then {@code getAttachmentUrl} gives a new one).
     */
    record AttachmentData(String attachmentId, String fileName, String contentType, long size, Optional<String> url,
                          Optional<String> urlExpiresAt) {
        static AttachmentData of(Attachment file) {
            return new AttachmentData(file.id().value(), file.fileName(), file.contentType(), file.size(),
                    file.download().map(download -> download.url().toString()),
                    file.download().map(download -> download.expiresAt().toString()));
        }
    }

    /** {@code uploadGranted}: the upload to make, then a {@code sendMessage} naming {@code attachmentId}. */
    record UploadGrantedData(String chatRoomId, String attachmentId, String uploadUrl, String method,
                             Map<String, String> headers, String expiresAt) {
    }

    /** {@code attachmentUrl}: a new signed URL for a file of a message. */
    record AttachmentUrlData(String chatRoomId, String messageId, String attachmentId, String url, String expiresAt) {
    }

    /** One emoji's reactions: the emoji and who reacted with it. */
    record ReactionData(String emoji, List<String> userIds) {
        static List<ReactionData> of(Reactions reactions) {
            return reactions.byEmoji().entrySet().stream()
                    .map(entry -> new ReactionData(entry.getKey(), users(entry.getValue()))).toList();
        }
    }

    /** {@code reactionsChanged}: a message's reactions as they are, and the change's place (none if nothing changed). */
    record ReactionsChangedData(String chatRoomId, String messageId, List<ReactionData> reactions,
                                Optional<String> changeId) {
    }

    /** A change as a frame of its own ({@code messageEdited}, {@code messageDeleted}), in {@code changes}. */
    record ChangeFrame(String type, Record data) {
    }

    /** {@code changes}: the room's changes after the cursor, in order, and the cursor after them. */
    record ChangesData(String chatRoomId, List<ChangeFrame> changes, String nextCursor) {
    }

    /** What a reply answers, as it was when the reply was sent; once it is deleted, {@code deleted} instead. */
    record ReplyToData(String messageId, String senderId, Optional<String> preview, Optional<Boolean> deleted) {
        static ReplyToData of(ReplyTo reply) {
            return new ReplyToData(reply.messageId().value(), reply.senderId().value(),
                    reply.deleted() ? Optional.empty() : Optional.of(reply.preview()),
                    reply.deleted() ? Optional.of(true) : Optional.empty());
        }
    }

    /** A room ({@code roomCreated}; in the creator's reply with {@code existing}). */
    record RoomData(String chatRoomId, String name, String type, List<String> participantIds, String createdAt,
                    Optional<Boolean> existing) {
        static RoomData of(Room room) {
            return new RoomData(room.id().value(), room.name().value(), WireNames.of(room.type()),
                    users(room.members()), room.createdAt().toString(), Optional.empty());
        }

        static RoomData created(Room room, boolean existing) {
            RoomData data = of(room);
            return new RoomData(data.chatRoomId, data.name, data.type, data.participantIds, data.createdAt,
                    Optional.of(existing));
        }
    }

    /**
     * A room in the user's list ({@code rooms}): the room, its last message (and when it was edited, if it was), the
     * user's unread count and how many of
     * those mention them, which of its other members are {@code online}, and for a direct room when the peer was last
     * seen (if offline and known).
     */
    record RoomSummaryData(String chatRoomId, String name, String type, List<String> participantIds, String createdAt,
                           String lastMessage, Optional<Boolean> lastMessageDeleted,
                           Optional<String> lastMessageEditedAt, String lastMessageId, String lastMessageAt,
                           int unreadCount, int mentionCount, List<String> online,
                           Optional<String> lastSeenAt) {
        static RoomSummaryData of(RoomSummary summary, UserId reader, Map<UserId, Presence> presence) {
            RoomData room = RoomData.of(summary.room());
            List<String> online = summary.room().members().stream().filter(member -> !member.equals(reader))
                    .filter(member -> presence.getOrDefault(member, Presence.OFFLINE).online())
                    .map(UserId::value).toList();
            Optional<String> lastSeenAt = summary.room().type() != RoomType.DIRECT ? Optional.empty()
                    : summary.room().members().stream().filter(member -> !member.equals(reader)).findFirst()
                            .flatMap(peer -> presence.getOrDefault(peer, Presence.OFFLINE).lastSeenAt())
                            .map(Instant::toString);
            // a real message is never blank: an empty preview is a deleted last message's
            boolean deleted = summary.lastMessagePreview().isEmpty();
            return new RoomSummaryData(room.chatRoomId, room.name, room.type, room.participantIds, room.createdAt,
                    summary.lastMessagePreview(), deleted ? Optional.of(true) : Optional.empty(),
                    deleted ? Optional.empty() : summary.lastMessageEditedAt().map(Instant::toString),
                    summary.lastMessageId().value(),
                    summary.lastMessageAt().toString(), summary.unreadCount(), summary.mentionCount(), online,
                    lastSeenAt);
        }
    }

    /** A page of the user's rooms, most recent first; {@code nextCursor} is null on the last page. */
    record RoomsData(List<RoomSummaryData> rooms, String nextCursor) {
    }

    /** A page of a room's history; {@code nextCursor} is null on the last page. */
    record MessagesData(String chatRoomId, List<Record> messages, String nextCursor) {
    }

    /** A read receipt: pushed to the others ({@code read}); the reader's reply adds {@code newlyRead}. */
    record ReadData(String chatRoomId, String userId, String messageId, String readAt, Optional<Integer> newlyRead) {
    }

    /** An {@code error} frame: a stable code, a message for people, and when a refused frame may be sent again. */
    record ErrorData(String code, String message, Optional<Long> retryAfterMs) {
    }

    /** {@code roomLeft}. */
    record RoomLeftData(String chatRoomId) {
    }

    /** {@code membersAdded}: those of the asked who were not members yet. */
    record MembersAddedData(String chatRoomId, List<String> participantIds) {
    }

    /** {@code presence}: a direct-room peer went online, or offline (then with when). */
    record PresenceData(String userId, boolean online, Optional<String> lastSeenAt) {
    }

    /** {@code typing}: a member is typing in the room. */
    record TypingData(String chatRoomId, String userId) {
    }

    /** {@code unread}: the caller's unread count in the room after {@code markUnread} (answered and pushed alike). */
    record UnreadData(String chatRoomId, int unreadCount) {
    }

    /** {@code userBlocked}, {@code userUnblocked}. */
    record UserData(String userId) {
    }

    /** {@code blocked}: the users the caller blocked. */
    record BlockedData(List<String> userIds) {
    }

    static List<String> users(Collection<UserId> users) {
        return users.stream().map(UserId::value).toList();
    }
}
