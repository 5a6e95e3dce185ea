package io.chatkit.core.domain;

import java.time.Instant;
import java.util.Optional;

/** What the chat tells connected members. The runtime encodes it for the wire. */
public sealed interface Notification {

    /** A message was posted; goes to every connection of every member, the sender's included. */
    record MessagePosted(Message message) implements Notification {
    }

    /** A member read everything up to {@code upTo}; goes to the other members. */
    record MessagesRead(RoomId roomId, UserId reader, MessageId upTo, Instant readAt) implements Notification {
    }

    /** A room was created; goes to every member. */
    record RoomCreated(Room room) implements Notification {
    }

    /**
     * The connection outlived its token and is about to be closed; goes to that connection alone, just before the
     * gateway closes it (a reply would come too late: the gateway drops answers to a closed connection).
     */
    record SessionExpired(Instant expiredAt) implements Notification {
    }

    /**
     * The connection's last {@code inARow} frames were all refused (invalid, or beyond the allowance) and it is about
     * to be closed; goes to that connection alone, just before the gateway closes it.
     */
    record RefusedTooOften(int inARow) implements Notification {
    }

    /**
     * A user went online (their first live connection) or offline (their last one closed, at {@code lastSeenAt});
     * goes to the connections of their direct-room peers only.
     */
    record PresenceChanged(UserId user, boolean online, Optional<Instant> lastSeenAt) implements Notification {
    }

    /** A member is typing in a room; goes to the connections of the room's other members, and is stored nowhere. */
    record Typing(RoomId roomId, UserId user) implements Notification {
    }

    /** A member marked a room unread from a message on: goes to that member's other connections. */
    record MarkedUnread(RoomId roomId, UserId reader, int unreadCount) implements Notification {
    }

    /** A message was edited or deleted: goes to every connection of every member but the one it came from. */
    record MessageChanged(MessageChange change) implements Notification {
    }
}
