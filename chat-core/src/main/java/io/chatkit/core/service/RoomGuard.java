package io.chatkit.core.service;

import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The one check every use case on an existing room makes (the room exists, and the user is a member), and the
 * refusal of a change that would put users in too many rooms.
 */
final class RoomGuard {
    private RoomGuard() {
    }

    static Outcome<Room> memberOf(Optional<Room> room, RoomId id, UserId user) {
        if (room.isEmpty()) {
            return Outcome.rejected(Code.UNKNOWN_ROOM, "no room " + id);
        }
        if (!room.get().hasMember(user)) {
            return Outcome.rejected(Code.NOT_A_MEMBER, "you are not a member of room " + id);
        }
        return Outcome.accepted(room.get());
    }

    /** The refusal of a room change by someone a named user blocked; it does not say which of them. */
    static <T> Outcome<T> blocked(BlockedException e) {
        return Outcome.rejected(Code.BLOCKED, "you cannot put these users in a room with you: one of them does not "
                + "accept it");
    }

    static <T> Outcome<T> tooManyRooms(TooManyRoomsException e) {
        String who = e.users().stream().map(UserId::value).sorted().collect(Collectors.joining(", "));
        return Outcome.rejected(Code.TOO_MANY_ROOMS, who + (e.users().size() == 1 ? " belongs" : " belong")
                + " to " + e.maxRoomsPerUser() + " rooms already, the most one may; leave a room first");
    }
}
