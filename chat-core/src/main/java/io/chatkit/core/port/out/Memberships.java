package io.chatkit.core.port.out;

import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Each member's membership of a room, which holds their read position: every message at or before that place counts
 * as read by them. A user's room list is their memberships. One storage operation per method.
 */
public interface Memberships {

    /**
     * Makes the user a member with their read position at {@code readSeq}, on condition that they are not one
     * already; false, and nothing changed (their position included), when they are.
     */
    boolean join(RoomId room, UserId member, long readSeq);

    /** Ends the membership; false if there was none. */
    boolean leave(RoomId room, UserId member);

    /**
     * Moves the member's read position to {@code seq}, on condition that they are a member of the room and their
     * position is behind it. One write, whatever the distance.
     *
     * @return how far it moved; empty, and nothing changed, when the condition failed
     */
    OptionalLong moveUpTo(RoomId room, UserId member, long seq, Instant at);

    /**
     * Moves the member's read position back to {@code seq} (everything after it becomes unread), on condition that
     * they are a member of the room and their position is ahead of it. One write, whatever the distance.
     *
     * @return how far it moved; empty, and nothing changed, when the condition failed
     */
    OptionalLong moveBackTo(RoomId room, UserId member, long seq, Instant at);

    /**
     * Every room the user belongs to, with their read position in it: one read, strongly consistent, so that a room
     * just joined or left shows so at once.
     */
    Map<RoomId, Long> ofUser(UserId user);

    /** Most places of mentions a membership keeps: a count beyond shows as this many. */
    int MENTIONS_KEPT = 100;

    /**
     * Each member named by the message at place {@code seq} keeps that place among their mentions, on condition that
     * they are a member (a repeat changes nothing): one write per member, side by side. A membership keeps its
     * {@link #MENTIONS_KEPT} latest mentions.
     */
    void mention(RoomId room, Collection<UserId> members, long seq);

    /**
     * Every room the user belongs to with their read position and the places of the messages that mention them, in
     * the one read {@link #ofUser} makes.
     */
    Map<RoomId, Membership> membershipsOf(UserId user);

    /** A member's read position in a room, and the places of the messages that mention them (the latest kept). */
    record Membership(long readSeq, SortedSet<Long> mentions) {
        public Membership {
            mentions = Collections.unmodifiableSortedSet(new TreeSet<>(mentions));
        }

        /** The unread messages that mention the member. */
        public int unreadMentions() {
            return mentions.tailSet(readSeq + 1).size();
        }
    }

    /** The read positions of these members of the room (a member without one is left out); strongly consistent. */
    Map<UserId, Long> ofMembers(RoomId room, Collection<UserId> members);
}
