package io.chatkit.core.domain;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change of a room's members, as the room keeps its latest one: who changed it, whom it changed, and the id its
 * notice (the "… added …" or "… left" message) is posted under. Kept with the change itself, in the same write, so
 * that a retry of a change whose notice was not posted (its request failed after the change) can post it.
 */
public record RoomChange(Kind kind, UserId actor, Set<UserId> users, MessageId noticeId) {
    public enum Kind { ADDED, LEFT }

    public RoomChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(noticeId, "noticeId");
        users = Collections.unmodifiableSortedSet(new TreeSet<>(users));
    }

    /** Whether this is {@code actor}'s own change of {@code kind}. */
    public boolean isBy(UserId by, Kind which) {
        return actor.equals(by) && kind == which;
    }
}
