package io.chatkit.core.domain;

import java.util.Objects;

/**
 * The message a reply answers, as it was when the reply was sent: its id, its sender and the first 100 code points
 * of its text — kept with the reply, so that showing it needs no read of the other message; once that message is
 * deleted, {@code deleted} and no preview.
 */
public record ReplyTo(MessageId messageId, UserId senderId, String preview, boolean deleted) {
    public ReplyTo {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(preview, "preview");
        if (deleted) {
            preview = "";
        }
    }

    public ReplyTo(MessageId messageId, UserId senderId, String preview) {
        this(messageId, senderId, preview, false);
    }

    /** A snapshot of {@code message}, to keep with a reply to it. */
    public static ReplyTo of(Message message) {
        return new ReplyTo(message.id(), message.senderId(), message.preview(), message.isDeleted());
    }

    /** The same, once the message it answers is deleted. */
    public ReplyTo asDeleted() {
        return new ReplyTo(messageId, senderId, "", true);
    }
}
