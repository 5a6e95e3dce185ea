package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A message in a room. {@code readBy} always contains the sender; a member not in it has not read
 * the message. In a direct room, {@code readBy.size() > 1} means the other side has seen it. A reply keeps the
 * message it answers ({@code replyTo}); {@code mentions} are members the sender named; {@code attachments} are
 * the files sent with it (a deleted message keeps none).
 */
public record Message(
        RoomId roomId,
        MessageId id,
        UserId senderId,
        MessageContent content,
        MessageType type,
        SortedSet<UserId> readBy,
        Optional<ClientMessageId> clientMessageId,
        Optional<ReplyTo> replyTo,
        SortedSet<UserId> mentions,
        Optional<Instant> editedAt,
        Optional<Instant> deletedAt,
        Reactions reactions,
        List<Attachment> attachments) {

    /**
     * What a deleted message holds instead of its text: the text is erased from storage, and no frame shows this
     * (a deleted message is {@code {messageId, deleted: true, deletedAt}} on the wire).
     */
    public static final MessageContent ERASED = MessageContent.of("message deleted");

    public Message {
        Objects.requireNonNull(replyTo, "replyTo");
        Objects.requireNonNull(editedAt, "editedAt");
        Objects.requireNonNull(deletedAt, "deletedAt");
        Objects.requireNonNull(reactions, "reactions");
        attachments = List.copyOf(attachments);
        mentions = Collections.unmodifiableSortedSet(new TreeSet<>(mentions));
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        TreeSet<UserId> readers = new TreeSet<>(readBy);
        readers.add(senderId);
        readBy = Collections.unmodifiableSortedSet(readers);
    }

    /** A message that answers none and mentions nobody. */
    public Message(RoomId roomId, MessageId id, UserId senderId, MessageContent content, MessageType type,
                   SortedSet<UserId> readBy, Optional<ClientMessageId> clientMessageId) {
        this(roomId, id, senderId, content, type, readBy, clientMessageId, Optional.empty(), new TreeSet<>());
    }

    /** A message without attachments. */
    public Message(RoomId roomId, MessageId id, UserId senderId, MessageContent content, MessageType type,
                   SortedSet<UserId> readBy, Optional<ClientMessageId> clientMessageId, Optional<ReplyTo> replyTo,
                   SortedSet<UserId> mentions, Optional<Instant> editedAt, Optional<Instant> deletedAt,
                   Reactions reactions) {
        this(roomId, id, senderId, content, type, readBy, clientMessageId, replyTo, mentions, editedAt, deletedAt,
                reactions, List.of());
    }

    /** A message never edited nor deleted. */
    public Message(RoomId roomId, MessageId id, UserId senderId, MessageContent content, MessageType type,
                   SortedSet<UserId> readBy, Optional<ClientMessageId> clientMessageId, Optional<ReplyTo> replyTo,
                   SortedSet<UserId> mentions) {
        this(roomId, id, senderId, content, type, readBy, clientMessageId, replyTo, mentions, Optional.empty(),
                Optional.empty(), Reactions.NONE);
    }

    /** The same message carrying these files. */
    public Message withAttachments(List<Attachment> files) {
        return new Message(roomId, id, senderId, content, type, readBy, clientMessageId, replyTo, mentions, editedAt,
                deletedAt, reactions, files);
    }

    /** The same message with these reactions. */
    public Message withReactions(Reactions newReactions) {
        return new Message(roomId, id, senderId, content, type, readBy, clientMessageId, replyTo, mentions, editedAt,
                deletedAt, newReactions, attachments);
    }

    /** The same message with new text, edited at {@code at}. */
    public Message edited(MessageContent newContent, Instant at) {
        return new Message(roomId, id, senderId, newContent, type, readBy, clientMessageId, replyTo, mentions,
                Optional.of(at), deletedAt, reactions, attachments);
    }

    /** The tombstone the message becomes when deleted at {@code at}: its place kept, its text erased. */
    public Message erased(Instant at) {
        return new Message(roomId, id, senderId, ERASED, type, readBy, clientMessageId, replyTo, mentions, editedAt,
                Optional.of(at), reactions, List.of());
    }

    /**
     * What a room list shows of it: the first {@value MessageContent#PREVIEW_CODE_POINTS} characters of its text, or
     * for a message of files alone, a clip and the first file's name.
     */
    public String preview() {
        if (!content.isEmpty() || attachments.isEmpty()) {
            return content.preview();
        }
        String files = "\uD83D\uDCCE " + attachments.get(0).fileName()
                + (attachments.size() > 1 ? " and " + (attachments.size() - 1) + " more" : "");
        return MessageContent.of(files).preview();
    }

    /**
     * What a send's claim keeps to tell a retry of this message from another under the same client message id: its
     * text's fingerprint, and its files' ids if it has some.
     */
    public String fingerprint() {
        return fingerprintOf(content, attachments.stream().map(Attachment::id).toList());
    }

    /** {@link #fingerprint()} of a message with this text and these files, before it exists. */
    public static String fingerprintOf(MessageContent content, List<AttachmentId> attachments) {
        if (attachments.isEmpty()) {
            return content.fingerprint();
        }
        return content.fingerprint() + "." + MessageContent.sha256(String.join(",",
                attachments.stream().map(AttachmentId::value).toList()));
    }

    public boolean isDeleted() {
        return deletedAt.isPresent();
    }

    /** The same message answering {@code replied} and naming {@code mentioned}. */
    public Message replying(Optional<ReplyTo> replied, Collection<UserId> mentioned) {
        return new Message(roomId, id, senderId, content, type, readBy, clientMessageId, replied,
                new TreeSet<>(mentioned), editedAt, deletedAt, reactions, attachments);
    }

    /** A member's message, read by nobody but its sender yet. */
    public static Message fromUser(RoomId roomId, MessageId id, UserId sender, MessageContent content,
                                   Optional<ClientMessageId> clientMessageId) {
        return new Message(roomId, id, sender, content, MessageType.USER, new TreeSet<>(), clientMessageId);
    }

    /** A notice from the system; nobody has to read it, so it counts as read by every member. */
    public static Message system(RoomId roomId, MessageId id, UserId actor, MessageContent content,
                                 Collection<UserId> members) {
        return new Message(roomId, id, actor, content, MessageType.SYSTEM, new TreeSet<>(members), Optional.empty());
    }

    public Instant createdAt() {
        return id.timestamp();
    }

    public boolean isReadBy(UserId user) {
        return readBy.contains(user);
    }

    /** The same message under another id (a store moved it after the room's newest message). */
    public Message withId(MessageId newId) {
        return new Message(roomId, newId, senderId, content, type, readBy, clientMessageId, replyTo, mentions,
                editedAt, deletedAt, reactions, attachments);
    }

    /** The same message with {@code readBy} as a store derived it from the members' read positions. */
    public Message withReaders(Collection<UserId> readers) {
        return new Message(roomId, id, senderId, content, type, new TreeSet<>(readers), clientMessageId, replyTo,
                mentions, editedAt, deletedAt, reactions, attachments);
    }

    public Message readAlsoBy(UserId user) {
        TreeSet<UserId> readers = new TreeSet<>(readBy);
        readers.add(user);
        return new Message(roomId, id, senderId, content, type, readers, clientMessageId, replyTo, mentions,
                editedAt, deletedAt, reactions, attachments);
    }
}
