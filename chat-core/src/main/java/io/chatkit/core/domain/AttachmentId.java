package io.chatkit.core.domain;

/** An attachment's id: given by the chat when it grants an upload; restricted to {@link SafeId}'s character set. */
public record AttachmentId(String value) implements Comparable<AttachmentId> {
    public AttachmentId {
        SafeId.require("attachmentId", value);
    }

    public static AttachmentId of(String value) {
        return new AttachmentId(value);
    }

    @Override
    public int compareTo(AttachmentId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
