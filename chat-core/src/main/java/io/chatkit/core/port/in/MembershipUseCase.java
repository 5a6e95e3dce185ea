package io.chatkit.core.port.in;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomId;
import io.chatkit.core.domain.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Who is in a room after it was created. Either change posts a system message to the room, which every member
 * after the change gets like any message.
 */
public interface MembershipUseCase {

    /**
     * Takes the caller out of a direct or group room: the room leaves their list at once, they get
     * {@code NOT_A_MEMBER} for it from then on, and the remaining members get a "… left" message. A direct room's
     * pair may create a new one afterwards. Leaving again while that leave is the room's latest change of members
     * (and less than a day old) is a retry: it answers as the leave did, posting the "… left" message if the first
     * attempt failed before it.
     */
    Outcome<MembershipChanged> leave(LeaveRoomCommand command);

    /**
     * Adds members to a group room the caller is a member of ({@code INVALID_INPUT} for a direct room, or beyond
     * {@link io.chatkit.core.domain.RoomType#MAX_MEMBERS} in all). Each added member gets the room in their list,
     * its history counted as read, and a {@code roomCreated} notification; every member gets an "… added …"
     * message. Those already members are left out of {@code changed}; when nobody is new, nothing changes — but a
     * retry of the caller's addition that is the room's latest change (and less than a day old) posts its "… added
     * …" message if the first attempt failed before it, and the named are told of the room again.
     */
    Outcome<MembershipChanged> addMembers(AddMembersCommand command);

    record LeaveRoomCommand(UserId leaver, RoomId roomId) {
        public LeaveRoomCommand {
            Objects.requireNonNull(leaver, "leaver");
            Objects.requireNonNull(roomId, "roomId");
        }
    }

    record AddMembersCommand(UserId by, RoomId roomId, Set<UserId> added) {
        public AddMembersCommand {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(roomId, "roomId");
            added = Set.copyOf(added);
        }
    }

    /**
     * The room after the change, who joined or left ({@code changed}), and the system message posted about it
     * (none when nobody was new).
     */
    record MembershipChanged(Room room, Set<UserId> changed, java.util.Optional<Message> notice) {
        public MembershipChanged {
            Objects.requireNonNull(room, "room");
            changed = Set.copyOf(changed);
            Objects.requireNonNull(notice, "notice");
        }
    }
}
