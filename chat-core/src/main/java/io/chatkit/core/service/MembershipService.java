package io.chatkit.core.service;

import io.chatkit.core.domain.Message;
import io.chatkit.core.domain.MessageContent;
import io.chatkit.core.domain.MessageId;
import io.chatkit.core.domain.Notification;
import io.chatkit.core.domain.Room;
import io.chatkit.core.domain.RoomChange;
import io.chatkit.core.domain.RoomChange.Kind;
import io.chatkit.core.domain.RoomType;
import io.chatkit.core.domain.UserId;
import io.chatkit.core.port.in.MembershipUseCase;
import io.chatkit.core.port.in.Outcome;
import io.chatkit.core.port.in.Rejection.Code;
import io.chatkit.core.port.out.IdGenerator;
import io.chatkit.core.port.out.MessageLog.PlacedMessage;
import io.chatkit.core.port.out.MessageStore;
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

    /**
     * Takes the caller out of the room and posts "… left". A retry of a leave whose request failed after the change
     * (the caller is no longer a member, and their leave is the room's latest change) finishes it: the notice is
     * posted if it was not, and pushed again.
     */
    @Override
    public Outcome<MembershipChanged> leave(LeaveRoomCommand command) {
        Instant now = clock.instant();
        Optional<Room> found = messages.rooms().find(command.roomId());
        Optional<MembershipChanged> finished = found.filter(room -> !room.hasMember(command.leaver()))
                .flatMap(room -> ownLatestChange(room, command.leaver(), Kind.LEFT, now)
                        .map(change -> finish(room, change)));
        if (finished.isPresent()) {
            return Outcome.accepted(finished.get());
        }
        return RoomGuard.memberOf(found, command.roomId(), command.leaver()).then(room -> {
            RoomChange change = new RoomChange(Kind.LEFT, command.leaver(), Set.of(command.leaver()),
                    MessageId.of(now, ids.next()));
            return rooms.removeMember(room, command.leaver(), change)
                    .map(after -> Outcome.accepted(announce(after, change)))
                    .orElseGet(() -> Outcome.rejected(Code.NOT_A_MEMBER,
                            "you are not a member of room " + command.roomId()));
        });
    }

    @Override
    public Outcome<MembershipChanged> addMembers(AddMembersCommand command) {
        Instant now = clock.instant();
        return RoomGuard.memberOf(messages.rooms().find(command.roomId()), command.roomId(), command.by())
                .then(room -> checked(room, command).then(joining -> joining.isEmpty()
                        ? Outcome.accepted(alreadyMembers(room, command, now))
                        : allowances.admitRoomChange(command.by(), now).then(by -> add(command, room, joining, now))));
    }

    /**
     * Everyone named is a member already: nothing changes, but a retry of an addition whose request failed after
     * the change (the caller's addition of these users is the room's latest change) is finished — its notice posted
     * if it was not, and pushed again — and the named are told of the room again.
     */
    private MembershipChanged alreadyMembers(Room room, AddMembersCommand command, Instant now) {
        Optional<MembershipChanged> finished = ownLatestChange(room, command.by(), Kind.ADDED, now)
                .filter(change -> command.added().containsAll(change.users()))
                .map(change -> finish(room, change));
        broadcaster.tellUsers(command.added(), new Notification.RoomCreated(room));
        return finished.orElseGet(() -> new MembershipChanged(room, Set.of(), Optional.empty()));
    }

    /** The room's latest change (read with it), if it is {@code actor}'s own of this kind and young enough to finish. */
    private Optional<RoomChange> ownLatestChange(Room room, UserId actor, Kind kind, Instant now) {
        return room.latestChange()
                .filter(change -> change.isBy(actor, kind))
                .filter(change -> now.isBefore(change.noticeId().timestamp().plus(MessagePosting.CLAIM_LIFETIME)));
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

    private Outcome<MembershipChanged> add(AddMembersCommand command, Room before, Set<UserId> joining, Instant now) {
        RoomChange change = new RoomChange(Kind.ADDED, command.by(), joining, MessageId.of(now, ids.next()));
        Optional<Room> after;
        try {
            after = rooms.addMembers(before, command.by(), joining, RoomType.MAX_MEMBERS, maxRoomsPerUser, change);
        } catch (TooManyRoomsException e) {
            return RoomGuard.tooManyRooms(e);
        } catch (BlockedException e) {
            return RoomGuard.blocked(e);
        }
        if (after.isEmpty()) {
            return Outcome.rejected(Code.INVALID_INPUT, "participantIds: room " + command.roomId()
                    + " is full (" + RoomType.MAX_MEMBERS + " members) or you left it meanwhile");
        }
        MembershipChanged changed = announce(after.get(), change);
        broadcaster.tellUsers(joining, new Notification.RoomCreated(after.get()));
        return Outcome.accepted(changed);
    }

    /** Posts the change's notice to the room as it is now and pushes it to its members. */
    private MembershipChanged announce(Room room, RoomChange change) {
        return told(room, change, post(room, change));
    }

    /** A change whose request failed after it: its notice as stored (or posted now), pushed again. */
    private MembershipChanged finish(Room room, RoomChange change) {
        Message notice = messages.log().find(room.id(), change.noticeId()).map(PlacedMessage::message)
                .orElseGet(() -> post(room, change));
        return told(room, change, notice);
    }

    private Message post(Room room, RoomChange change) {
        String text = change.kind() == Kind.LEFT ? change.actor() + " left"
                : change.actor() + " added " + names(change.users());
        Message notice = Message.system(room.id(), change.noticeId(), change.actor(), MessageContent.of(text),
                List.of(change.actor()));
        return room.members().isEmpty() ? notice : posting.post(room, notice, Optional.empty(), posted -> { }).message();
    }

    private MembershipChanged told(Room room, RoomChange change, Message notice) {
        broadcaster.tellUsers(room.members(), new Notification.MessagePosted(notice));
        return new MembershipChanged(room, change.users(), Optional.of(notice));
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
