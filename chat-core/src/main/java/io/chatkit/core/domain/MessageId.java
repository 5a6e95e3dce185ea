package io.chatkit.core.domain;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Identifies a message and fixes its place in the room's history: the id starts with the
 * message's creation time as 13 zero-padded epoch-millisecond digits, then a unique suffix
 * ({@code 1709136000000-a1b2c3d4}). String order is therefore time order with the suffix breaking
 * ties, which lets a store locate a message from its id alone (the way Slack's and Discord's ids work).
 */
public record MessageId(String value) implements Comparable<MessageId> {
    private static final Pattern FORMAT = Pattern.compile("\\d{13}-[A-Za-z0-9_]{1,64}");

    public MessageId {
        if (value == null) {
            throw new InvalidInputException("messageId", "is required");
        }
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidInputException("messageId", "is not a message id");
        }
    }

    public static MessageId of(String value) {
        return new MessageId(value);
    }

    public static MessageId of(Instant createdAt, String uniqueSuffix) {
        long millis = createdAt.toEpochMilli();
        if (millis < 0 || millis > 9_999_999_999_999L) {
            throw new IllegalArgumentException("timestamp out of range: " + createdAt);
        }
        return new MessageId(String.format("%013d-%s", millis, uniqueSuffix));
    }

    /**
     * This id if it sorts after {@code previous}, else the same suffix one millisecond after {@code previous}'s
     * time: how a store keeps a room's history in the order messages were stored when a sender's clock is behind.
     */
    public MessageId notBefore(MessageId previous) {
        if (compareTo(previous) > 0) {
            return this;
        }
        return of(previous.timestamp().plusMillis(1), suffix());
    }

    /** The unique part after the time. */
    public String suffix() {
        return value.substring(14);
    }

    public Instant timestamp() {
        return Instant.ofEpochMilli(Long.parseLong(value.substring(0, 13)));
    }

    /** The fixed-width epoch-millisecond prefix, the {@code timestamp} of the seed's sort key. */
    public String timestampDigits() {
        return value.substring(0, 13);
    }

    @Override
    public int compareTo(MessageId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
