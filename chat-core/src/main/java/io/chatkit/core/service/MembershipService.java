package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.MembershipUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageStore;
import io.chatkit.core.port.out.TooManyRoomsException;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Leaving and adding: the store changes the membership first, then the system message about it is appended like
 * any message and pushed to the members as they are afterwards.
 */
public final class MembershipService implements MembershipUseCase {
    /** Room left for "and N more" under {@link MessageContent#MAX_CODE_POINTS}. */
    private static final int NOTICE_LENGTH = MessageContent.MAX_CODE_POINTS - 100;

    private final MessageStore messages;
    private final RoomChanges rooms;
    private final MessagePosting posting;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final IdGenerator ids;
    private final Allowances allowances;
    private final int maxRoomsPerUser;

    MembershipService(MessageStore messages, RoomChanges rooms, MessagePosting posting, Broadcaster broadcaster,
                      Clock clock, IdGenerator ids, Allowances allowances, int maxRoomsPerUser) {
        this.maxRoomsPerUser = maxRoomsPerUser;
        this.messages = messages;
        this.rooms = rooms;
        this.posting = posting;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.ids = ids;
        this.allowances = allowances;
    }

    @Override
    public Outcome<MembershipChanged> leave(LeaveRoomCommand command) {
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.leaver())
                .then(room -> rooms.removeMember(room, command.leaver())
                        .map(after -> Outcome.accepted(announce(after, Set.of(command.leaver()),
                                command.leaver(), command.leaver() + " left")))
                        .orElseGet(() -> Outcome.rejected(Code.NOT_A_MEMBER,
                                "you are not a member of room " + command.roomId())));
    }

    @Override
    public Outcome<MembershipChanged> addMembers(AddMembersCommand command) {
        Instant now = clock.instant();
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.by())
                .then(room -> checked(room, command).then(joining -> joining.isEmpty()
                        ? Outcome.accepted(alreadyMembers(room, command.added()))
                        : allowances.admitRoomChange(command.by(), now).then(by -> add(command, room, joining))));
    }

    /**
     * Everyone named is a member already: nothing changes, but they are told of the room again, so that a retry of
     * an addition whose notices failed (it answered 500 after storing the members) finishes the job.
     */
    private MembershipChanged alreadyMembers(Room room, Set<UserId> named) {
        broadcaster.tellUsers(named, new Notification.RoomCreated(room));
        return new MembershipChanged(room, Set.of(), Optional.empty());
    }

    private Outcome<Set<UserId>> checked(Room room, AddMembersCommand command) {
        if (room.type() != RoomType.GROUP) {
            return Outcome.rejected(Code.INVALID_INPUT, "members can be added to group rooms only; room "
                    + room.id() + " is a direct room: create a group with everyone instead");
        }
        if (command.added().isEmpty()) {
            return Outcome.rejected(Code.INVALID_INPUT, "participantIds: name at least one user to add");
        }
        Set<UserId> joining = new TreeSet<>(command.added());
        joining.removeAll(room.members());
        if (room.members().size() + joining.size() > RoomType.MAX_MEMBERS) {
            return Outcome.rejected(Code.INVALID_INPUT, "participantIds: room " + room.id() + " has "
                    + room.members().size() + " members; adding " + joining.size() + " would pass the limit of "
                    + RoomType.MAX_MEMBERS);
        }
        return Outcome.accepted(joining);
    }

    private Outcome<MembershipChanged> add(AddMembersCommand command, Room before, Set<UserId> joining) {
        Optional<Room> after;
        try {
            after = rooms.addMembers(before, command.by(), joining, RoomType.MAX_MEMBERS, maxRoomsPerUser);
        } catch (TooManyRoomsException e) {
            return RoomGuard.tooManyRooms(e);
        }
        if (after.isEmpty()) {
            return Outcome.rejected(Code.INVALID_INPUT, "participantIds: room " + command.roomId()
                    + " is full (" + RoomType.MAX_MEMBERS + " members) or you left it meanwhile");
        }
        MembershipChanged changed = announce(after.get(), joining, command.by(),
                command.by() + " added " + names(joining));
        broadcaster.tellUsers(joining, new Notification.RoomCreated(after.get()));
        return Outcome.accepted(changed);
    }

    /** Posts the system message about the change to the room as it is now and pushes it to its members. */
    private MembershipChanged announce(Room room, Set<UserId> changed, UserId actor, String text) {
        Instant now = clock.instant();
        Message notice = Message.system(room.id(), MessageId.of(now, ids.next()), actor, MessageContent.of(text),
                List.of(actor));
        Message stored = room.members().isEmpty() ? notice : posting.post(room, notice, Optional.empty(), posted -> { }).message();
        broadcaster.tellUsers(room.members(), new Notification.MessagePosted(stored));
        return new MembershipChanged(room, changed, Optional.of(stored));
    }

    private static String names(Set<UserId> users) {
        StringBuilder text = new StringBuilder();
        Iterator<UserId> each = users.iterator();
        int listed = 0;
        while (each.hasNext()) {
            String name = each.next().value();
            if (text.length() + name.length() + 2 > NOTICE_LENGTH) {
                return text + " and " + (users.size() - listed) + " more";
            }
            text.append(listed == 0 ? "" : ", ").append(name);
            listed++;
        }
        return text.toString();
    }
}
