package io.chatkit.core.domain;

import java.util.Objects;

/**
 * In one room, {@code recipient} gets no pushes of {@code sender}'s messages: the recipient blocked the sender.
 * A room keeps one for every pair of its members where one blocked the other, so that a send needs no read more.
 */
public record Mute(UserId recipient, UserId sender) implements Comparable<Mute> {
    public Mute {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
    }

    @Override
    public int compareTo(Mute other) {
        int byRecipient = recipient.compareTo(other.recipient);
        return byRecipient != 0 ? byRecipient : sender.compareTo(other.sender);
    }
}
