package io.chatkit.core.domain;

import java.util.Objects;

/**
 * The message a reply answers, as it was when the reply was sent: its id, its sender and the first 100 code points
 * of its text — kept with the reply, so that showing it needs no read of the other message.
 */
public record ReplyTo(MessageId messageId, UserId senderId, String preview) {
    public ReplyTo {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(preview, "preview");
    }

    /** A snapshot of {@code message}, to keep with a reply to it. */
    public static ReplyTo of(Message message) {
        return new ReplyTo(message.id(), message.senderId(), message.content().preview());
    }
}
