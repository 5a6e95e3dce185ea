package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a user is online — they have at least one live connection — and, when not, since when: the moment their
 * last connection closed, if the chat knows it.
 */
public record Presence(boolean online, Optional<Instant> lastSeenAt) {
    public static final Presence OFFLINE = new Presence(false, Optional.empty());
    public static final Presence ONLINE = new Presence(true, Optional.empty());

    public Presence {
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        if (online) {
            lastSeenAt = Optional.empty(); // online now: when they were last seen says nothing more
        }
    }

    public static Presence lastSeen(Instant at) {
        return new Presence(false, Optional.of(at));
    }
}
